/**
 * "Edited on two phones": the server keeps the winner and flags the field; a leader looks, optionally saves the
 * value they want (an ordinary edit), then dismisses the flag. Offline-safe: the flag disappears locally and the
 * conflict.resolve mutation is queued in the same transaction; the server's next pull confirms it.
 */
import { db } from './db';
import { nextHlc } from './meta';
import { outboxRow } from './outbox';
import { refreshDigests } from './digests';
import { uuidv7 } from '../shared/ids';
import type { FieldConflict } from '../shared/schema';

export interface OpenConflict extends FieldConflict {
  entity: 'household' | 'person';
  entityId: string;
  householdId: string;
}

/** Open flags of a household and its members. */
export async function listConflicts(householdId: string): Promise<OpenConflict[]> {
  const household = await db.households.get(householdId);
  if (!household) return [];
  const persons = await db.persons.where('householdId').equals(householdId).toArray();
  return [
    ...household.conflicts.map((c) => ({ ...c, entity: 'household' as const, entityId: householdId, householdId })),
    ...persons.flatMap((p) => p.conflicts.map((c) => ({ ...c, entity: 'person' as const, entityId: p.id, householdId }))),
  ];
}

export async function dismissConflict(entity: 'household' | 'person', entityId: string, field: string, now: number = Date.now()): Promise<boolean> {
  return db.transaction('rw', [db.households, db.persons, db.visits, db.outbox, db.meta, db.digests, db.householdFacts, db.hamletFacts], async () => {
    const table = entity === 'household' ? db.households : db.persons;
    const row = await table.get(entityId);
    if (!row || !row.conflicts.some((c) => c.field === field)) return false;
    const householdId = 'householdId' in row ? row.householdId : row.id;
    await table.update(entityId, { conflicts: row.conflicts.filter((c) => c.field !== field) });
    await refreshDigests([householdId]);
    const hlc = await nextHlc(now);
    await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'conflict.resolve', entityId, hlc, payload: { entity, field } }, householdId, row.demo === 1, now));
    return true;
  });
}
