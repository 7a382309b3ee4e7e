/** Household form ↔ data layer: consent never pre-ticked, birth years parsed, ids kept for edits; QR code parsing. */
import { describe, expect, it } from 'vitest';
import { emptyDraft, today, toSave, withConsent } from '../../src/ui/screens/household/formModel';
import { codeFromQr } from '../../src/ui/lib/enrol-code';

describe('household form model', () => {
  it('records no consent until somebody ticks it or names who gave it', () => {
    const d = emptyDraft('hamlet-1');
    expect(d.consentGiven).toBe(false);
    expect(toSave(d).fields.consent).toBeNull();
    expect(toSave({ ...d, consentBy: 'Bà Huệ' }).fields.consent).toEqual({ given: false, on: d.consentOn, by: 'Bà Huệ' });
    expect(toSave({ ...d, consentGiven: true, consentBy: 'Bà Huệ' }).fields.consent?.given).toBe(true);
  });

  it('unticking a recorded consent records the withdrawal, dated today; it is never erased', () => {
    const recorded = { ...emptyDraft('h'), id: 'hh-1', consentGiven: true, consentOn: '2026-01-05', consentBy: '', consentRecorded: true };
    const withdrawn = withConsent(recorded, false);
    expect(withdrawn.consentOn).toBe(today());
    expect(toSave(withdrawn).fields.consent).toEqual({ given: false, on: today(), by: '' });
    expect(toSave({ ...recorded, consentGiven: false }).fields.consent).not.toBeNull();
  });

  it('turns members into person inputs: empty birth year is null, ids kept, removals passed on', () => {
    const d = { ...emptyDraft('h'), id: 'hh-1', removedPersonIds: ['gone'], members: [
      { id: 'p1', firstName: 'Huệ', birthYear: '1948', hasSmartphone: false, sortName: '' },
      { firstName: 'An', birthYear: '', hasSmartphone: true, sortName: '' },
    ] };
    const save = toSave(d);
    expect(save.id).toBe('hh-1');
    expect(save.persons).toEqual([
      { id: 'p1', fields: { firstName: 'Huệ', birthYear: 1948, hasSmartphone: false, sortName: '' } },
      { fields: { firstName: 'An', birthYear: null, hasSmartphone: true, sortName: '' } },
    ]);
    expect(save.removedPersonIds).toEqual(['gone']);
    expect(toSave(emptyDraft('h')).id).toBeUndefined();
  });
});

describe('codeFromQr', () => {
  it('reads bare codes and app links, normalised', () => {
    expect(codeFromQr('abcd-efgh')).toBe('ABCDEFGH');
    expect(codeFromQr(' ABCD EFGH ')).toBe('ABCDEFGH');
    expect(codeFromQr('https://tungnha.example.vn/welcome?code=XTEL-WKUB')).toBe('XTELWKUB');
  });
  it('drops accents a Vietnamese keyboard added ("Đ" is D)', () => {
    expect(codeFromQr('đk7m-3qtz')).toBe('DK7M3QTZ');
    expect(codeFromQr('BK7M 3QTZ\u0301')).toBe('BK7M3QTZ');
  });
  it('refuses anything else', () => {
    expect(codeFromQr('https://example.com/')).toBeNull();
    expect(codeFromQr('hello')).toBeNull();
    expect(codeFromQr('')).toBeNull();
    expect(codeFromQr('http://[bad')).toBeNull();
  });
});
