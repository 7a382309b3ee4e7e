/** Shared by the digest tests (unit and the sync property test). */
import { expect } from 'vitest';
import { db, type DigestRow } from '../../src/data/db';
import { digestRows } from '../../src/data/digest-upgrade';

/** The digests as stored, summary and facts joined back (they are kept in two tables with the same keys). */
export async function storedDigests(): Promise<DigestRow[]> {
  const [summaries, facts] = await Promise.all([db.digests.toArray(), db.householdFacts.toArray()]);
  const factsById = new Map(facts.map((f) => [f.id, f]));
  expect(facts.length).toBe(summaries.length);
  return summaries.map((s) => {
    const f = factsById.get(s.id)!;
    expect({ hamletId: f.hamletId, label: f.label, priority: f.priority, demo: f.demo }).toEqual({ hamletId: s.hamletId, label: s.label, priority: s.priority, demo: s.demo });
    return { ...s, facts: f.facts };
  });
}


const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

/** Every stored digest equals the one built from the rows, and no household lacks one; returns them in id order. */
export async function expectDigestsInStep(): Promise<DigestRow[]> {
  const [households, persons, visits, digests] = await Promise.all([db.households.toArray(), db.persons.toArray(), db.visits.toArray(), storedDigests()]);
  expect(digests.sort(byId)).toEqual(digestRows(households, persons, visits).sort(byId));
  return digests;
}
