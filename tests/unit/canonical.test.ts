import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, contentHash, hashed } from '../../server/sync/canonical';
import { Mutation } from '../../src/shared/protocol';
import { generateDemoCommune } from '../../src/shared/demo';

const shuffle = (value: unknown, rand: () => number): unknown => {
  if (Array.isArray(value)) return value.map((v) => shuffle(v, rand));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(() => rand() - 0.5);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffle(v, rand)]));
};

describe('mutation content hash', () => {
  const demo = generateDemoCommune({ households: 10 });
  const visit = { id: '019a0000-0000-7000-8000-000000000001', type: 'visit.create', entityId: demo.visits[0]!.id, hlc: '001780110000000:0000:dev1', payload: demo.visits[0] };
  const put = { id: '019a0000-0000-7000-8000-000000000002', type: 'household.put', entityId: demo.households[0]!.id, hlc: '001780110000000:0000:dev1', payload: { fields: { note: 'a', label: 'B' }, base: { note: null, label: '001780110000000:0000:x' } } };

  it('does not depend on the key order the client used (schema-ordered and canonical paths)', () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      let s = seed;
      const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      for (const m of [visit, put]) {
        expect(contentHash(Mutation.parse(shuffle(m, rand)))).toBe(contentHash(Mutation.parse(m)));
      }
    }), { numRuns: 100 });
  });

  it('changes when any content changes', () => {
    const base = contentHash(Mutation.parse(visit));
    expect(contentHash(Mutation.parse({ ...visit, payload: { ...visit.payload, notes: 'khác' } }))).not.toBe(base);
    expect(contentHash(Mutation.parse({ ...visit, hlc: '001780110000001:0000:dev1' }))).not.toBe(base);
  });

  it('hashes a visit exactly as before (JSON.stringify of the whole mutation) while handing back its payload JSON', () => {
    const before = (m: unknown) => createHash('sha256').update(JSON.stringify(m)).digest('base64url').slice(0, 22);
    const del = { id: '019a0000-0000-7000-8000-000000000003', type: 'household.delete', entityId: demo.households[1]!.id, hlc: '001780110000000:0000:dev1', payload: {} };
    for (const v of demo.visits.slice(0, 50)) {
      const m = Mutation.parse({ ...visit, entityId: v.id, payload: v });
      const h = hashed(m);
      expect(h.hash).toBe(before(m)); // stored hashes stay valid: a resent batch is still a duplicate
      expect(h.payloadJson).toBe(JSON.stringify((m as { payload: unknown }).payload));
    }
    expect(hashed(Mutation.parse(del)).hash).toBe(before(Mutation.parse(del)));
    expect(hashed(Mutation.parse(put)).payloadJson).toBeUndefined(); // free-keyed records: the canonical path
  });

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":2,"f":1}]},"b":1}');
  });
});
