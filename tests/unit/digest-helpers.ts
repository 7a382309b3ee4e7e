/** Shared by the digest tests (unit and the sync property test). */
import { expect } from 'vitest';
import { db, type DigestRow } from '../../src/data/db';

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

