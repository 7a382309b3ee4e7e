import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPut, mergeStates, resolveConflict, type LwwState } from '../../src/shared/merge';
import { encodeHlc } from '../../src/shared/hlc';

type F = { label: string; phone: string };
const h = (wallMs: number, node = 'a') => encodeHlc({ wallMs, counter: 0, node });
const empty: LwwState<F> = { id: 'x', hlc: {}, conflicts: [], fields: { label: '', phone: '' } };

describe('applyPut (field-level LWW)', () => {
  it('writes newer fields and keeps older ones', () => {
    const s1 = applyPut(empty, { fields: { label: 'Lê Văn Hùng', phone: '0912' }, base: {}, hlc: h(1) }).next;
    const s2 = applyPut(s1, { fields: { phone: '0988' }, base: { phone: h(1) }, hlc: h(2) }).next;
    expect(s2.fields).toEqual({ label: 'Lê Văn Hùng', phone: '0988' });
    const stale = applyPut(s2, { fields: { phone: '0000' }, base: { phone: h(1) }, hlc: h(1, 'b') });
    expect(stale.next.fields.phone).toBe('0988');
  });
  it('flags concurrent edits of one field, keeping the higher clock', () => {
    const s1 = applyPut(empty, { fields: { label: 'Hùng' }, base: {}, hlc: h(1) }).next;
    const a = applyPut(s1, { fields: { label: 'Lê Văn Hùng' }, base: { label: h(1) }, hlc: h(5, 'a') }).next;
    const { next, raised } = applyPut(a, { fields: { label: 'Lê Hùng' }, base: { label: h(1) }, hlc: h(3, 'b') });
    expect(next.fields.label).toBe('Lê Văn Hùng');
    expect(raised).toEqual([{ field: 'label', kept: 'Lê Văn Hùng', keptHlc: h(5, 'a'), lost: 'Lê Hùng', lostHlc: h(3, 'b') }]);
    expect(resolveConflict(next, 'label').conflicts).toEqual([]);
  });
  it('does not flag a sequential edit (the device had seen the current value)', () => {
    const s1 = applyPut(empty, { fields: { label: 'Hùng' }, base: {}, hlc: h(1) }).next;
    const { raised } = applyPut(s1, { fields: { label: 'Lê Hùng' }, base: { label: h(1) }, hlc: h(2, 'b') });
    expect(raised).toEqual([]);
  });
  it('does not flag concurrent edits that agree', () => {
    const s1 = applyPut(empty, { fields: { label: 'Hùng' }, base: {}, hlc: h(1) }).next;
    const a = applyPut(s1, { fields: { label: 'Lê Hùng' }, base: { label: h(1) }, hlc: h(5, 'a') }).next;
    expect(applyPut(a, { fields: { label: 'Lê Hùng' }, base: { label: h(1) }, hlc: h(3, 'b') }).raised).toEqual([]);
  });
  it('converges to the same values whatever the order of arrival', () => {
    const put = fc.record({
      field: fc.constantFrom('label', 'phone'), value: fc.string({ maxLength: 3 }), wall: fc.integer({ min: 1, max: 50 }),
      node: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(fc.property(fc.array(put, { maxLength: 12 }), fc.integer(), (puts, seed) => {
      const uniq = new Map(puts.map((p) => [`${p.wall}:${p.node}`, p]));
      const list = [...uniq.values()].map((p) => ({ fields: { [p.field]: p.value } as Partial<F>, base: {}, hlc: h(p.wall, p.node) }));
      const shuffled = [...list].sort((x, y) => ((x.hlc.charCodeAt(14) * seed) % 7) - ((y.hlc.charCodeAt(14) * seed) % 7));
      const apply = (ps: typeof list) => ps.reduce((s, p) => applyPut(s, p).next, empty);
      expect(apply(shuffled).fields).toEqual(apply(list).fields);
      expect(apply(shuffled).hlc).toEqual(apply(list).hlc);
    }), { numRuns: 300 });
  });
});

describe('mergeStates (device reconcile)', () => {
  it('keeps a local unsynced edit that is newer than the server copy', () => {
    const server = applyPut(empty, { fields: { label: 'A', phone: '1' }, base: {}, hlc: h(1) }).next;
    const local = applyPut(server, { fields: { phone: '2' }, base: { phone: h(1) }, hlc: h(9, 'me') }).next;
    const remote = applyPut(server, { fields: { label: 'B' }, base: { label: h(1) }, hlc: h(5, 'other') }).next;
    expect(mergeStates(local, remote).fields).toEqual({ label: 'B', phone: '2' });
  });
});
