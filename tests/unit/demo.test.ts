import { describe, expect, it } from 'vitest';
import { generateDemoCommune, createPrng } from '../../src/shared/demo';
import { Commune, Hamlet, Household, Member, Person, Visit } from '../../src/shared/schema';
import { UUID_PATTERN } from '../../src/shared/ids';
import { catalogueItem } from '../../src/shared/catalogue';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('demo commune', () => {
  const demo = generateDemoCommune();

  it('is the clearly marked demo commune Tam Quang with 18 hamlets', () => {
    expect(Commune.parse(demo.commune)).toEqual(demo.commune);
    expect(demo.commune).toMatchObject({ name: 'Tam Quang', demo: true });
    expect(demo.hamlets).toHaveLength(18);
    expect(demo.hamlets.map((h) => h.name)).toContain('Bản Na Mèo');
    expect(new Set(demo.hamlets.map((h) => h.name)).size).toBe(18);
  });

  it('passes every zod schema unchanged (already clean NFC text)', () => {
    for (const h of demo.hamlets) expect(Hamlet.parse(h)).toEqual(h);
    for (const m of demo.members) expect(Member.parse(m)).toEqual(m);
    for (const h of demo.households) expect(Household.parse(h)).toEqual(h);
    for (const p of demo.persons) expect(Person.parse(p)).toEqual(p);
    for (const v of demo.visits) expect(Visit.parse(v)).toEqual(v);
  });

  it('has a commune leader, a leader and members in every hamlet', () => {
    expect(demo.members.filter((m) => m.role === 'commune_leader')).toHaveLength(1);
    for (const h of demo.hamlets) {
      const team = demo.members.filter((m) => m.hamletIds.includes(h.id));
      expect(team.some((m) => m.role === 'hamlet_leader')).toBe(true);
      expect(team.some((m) => m.role === 'member')).toBe(true);
      expect(demo.households.some((x) => x.hamletId === h.id)).toBe(true);
    }
  });

  it('keeps references consistent: ids unique UUIDv7, persons and visits point at their household and hamlet', () => {
    const all = [demo.commune, ...demo.hamlets, ...demo.members, ...demo.households, ...demo.persons, ...demo.visits].map((x) => x.id);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(UUIDV7);
    for (const id of all) expect(id).toMatch(UUID_PATTERN);
    const households = new Map(demo.households.map((h) => [h.id, h]));
    const personHousehold = new Map(demo.persons.map((p) => [p.id, p.householdId]));
    for (const p of demo.persons) expect(households.has(p.householdId)).toBe(true);
    for (const v of demo.visits) {
      const h = households.get(v.householdId)!;
      expect(v.hamletId).toBe(h.hamletId);
      const visitor = demo.members.find((m) => m.id === v.memberId)!;
      expect(visitor.hamletIds).toContain(v.hamletId);
      for (const o of v.outcomes) {
        expect(catalogueItem(o.item)).toBeDefined();
        if (o.personId !== null) expect(personHousehold.get(o.personId)).toBe(v.householdId);
      }
    }
    for (const h of demo.households) {
      expect(Object.keys(h.hlc).sort()).toEqual(['alley', 'consent', 'hamletId', 'houseNo', 'label', 'note', 'phone', 'priority', 'producer']);
      expect(h.conflicts).toEqual([]);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoCommune()).toEqual(demo);
    expect(JSON.stringify(generateDemoCommune({ seed: 7, households: 50 }))).toBe(JSON.stringify(generateDemoCommune({ seed: 7, households: 50 })));
    expect(generateDemoCommune({ seed: 2 }).households[0]!.id).not.toBe(demo.households[0]!.id);
    const a = createPrng(42), b = createPrng(42);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it('scales to benchmark size (5,000 households, ~20,000 people, 50,000 visits)', () => {
    const big = generateDemoCommune({ seed: 3, households: 5000, visitsPerHousehold: 10 });
    expect(big.households).toHaveLength(5000);
    expect(big.visits).toHaveLength(50_000);
    expect(big.persons.length).toBeGreaterThan(17_000);
    expect(big.persons.length).toBeLessThan(23_000);
    for (const v of big.visits.slice(0, 2000)) Visit.parse(v);
    expect(new Set(big.visits.map((v) => v.id)).size).toBe(50_000);
  });
});
