import { describe, expect, it } from 'vitest';
import { Household, HouseholdFields, PersonFields, Visit } from '../../src/shared/schema';
import { Mutation, PushRequest, EnrolRequest } from '../../src/shared/protocol';
import { uuidv7, UUID_PATTERN } from '../../src/shared/ids';
import { tickHlc } from '../../src/shared/hlc';
import { NO_PRIORITY } from '../../src/shared/schema';

const id = () => uuidv7();
const fields = {
  hamletId: id(), label: ' Lê  Văn Hùng ', houseNo: '12', alley: 'Ngõ 3, cạnh nhà văn hoá', phone: '0912 345 678',
  priority: { ...NO_PRIORITY, elderly: true }, producer: false, consent: { given: true, on: '2026-03-01', by: 'Lê Văn Hùng' }, note: '',
};
const visit = {
  id: id(), householdId: id(), hamletId: id(), memberId: id(), at: '2026-03-01T08:00:00+07:00', kind: 'home',
  outcomes: [{ item: 'vneid_l1', personId: id(), outcome: 'done', details: [], other: '' }],
  notes: '', followUpOn: null, catalogueVersion: 1, amends: null,
};

describe('uuidv7', () => {
  it('is a version-7 UUID ordered by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(UUID_PATTERN);
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
  });
});

describe('household schema', () => {
  it('accepts a valid household and normalises text', () => {
    const r = HouseholdFields.parse(fields);
    expect(r.label).toBe('Lê Văn Hùng');
    expect(r.phone).toBe('0912345678');
  });
  it('rejects what must never be stored and bad values, with field paths', () => {
    const withCccd = HouseholdFields.safeParse({ ...fields, cccd: '001099012345' });
    expect(withCccd.success).toBe(false);
    const bad = HouseholdFields.safeParse({ ...fields, label: '   ', phone: '12ab', hamletId: 'x' });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['label', 'phone', 'hamletId']));
    expect(bad.error!.issues.find((i) => i.path[0] === 'label')!.message).toBe('Không được để trống');
  });
  it('accepts the synced state with per-field clocks', () => {
    const hlc = tickHlc(undefined, 'dev1', 1_700_000_000_000);
    expect(Household.safeParse({ ...fields, id: id(), communeId: id(), hlc: { label: hlc }, conflicts: [] }).success).toBe(true);
    expect(Household.safeParse({ ...fields, id: id(), communeId: id(), hlc: { label: 'yesterday' }, conflicts: [] }).success).toBe(false);
  });
  it('validates people: first name and a plausible birth year', () => {
    expect(PersonFields.safeParse({ householdId: id(), firstName: 'Hùng', birthYear: 1950, hasSmartphone: false, sortName: '' }).success).toBe(true);
    expect(PersonFields.safeParse({ householdId: id(), firstName: '', birthYear: 1850, hasSmartphone: false, sortName: '' }).success).toBe(false);
  });
});

describe('visit schema', () => {
  it('accepts a valid visit', () => {
    expect(Visit.safeParse(visit).success).toBe(true);
  });
  it('requires a follow-up date when something needs more help', () => {
    const v = { ...visit, outcomes: [{ ...visit.outcomes[0]!, outcome: 'needs_help' }] };
    const r = Visit.safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['followUpOn']);
    expect(Visit.safeParse({ ...v, followUpOn: '2026-03-10' }).success).toBe(true);
  });
  it('rejects unknown outcomes, kinds and fields', () => {
    expect(Visit.safeParse({ ...visit, kind: 'drone' }).success).toBe(false);
    expect(Visit.safeParse({ ...visit, gps: '21.0,105.8' }).success).toBe(false);
    expect(Visit.safeParse({ ...visit, outcomes: [{ ...visit.outcomes[0]!, outcome: 'maybe' }] }).success).toBe(false);
  });
});

describe('protocol', () => {
  it('parses a visit mutation and rejects a mismatched payload', () => {
    const m = { id: id(), entityId: visit.id, hlc: tickHlc(undefined, 'dev1', 1), type: 'visit.create', payload: visit };
    expect(Mutation.safeParse(m).success).toBe(true);
    expect(Mutation.safeParse({ ...m, type: 'visit.destroy' }).success).toBe(false);
    expect(Mutation.safeParse({ ...m, payload: { ...visit, outcomes: 'all' } }).success).toBe(false);
  });
  it('bounds a push batch', () => {
    expect(PushRequest.safeParse({ mutations: [] }).success).toBe(false);
    expect(PushRequest.safeParse({ mutations: Array.from({ length: 1001 }, () => ({})) }).success).toBe(false);
  });
  it('normalises enrolment codes typed with spaces or dashes', () => {
    expect(EnrolRequest.parse({ code: 'abcd-ef 12', deviceName: 'Điện thoại của Mai' }).code).toBe('ABCDEF12');
    expect(EnrolRequest.safeParse({ code: 'abc', deviceName: 'x' }).success).toBe(false);
  });
});
