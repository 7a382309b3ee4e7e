/**
 * Visit drafts. Drafts live in IndexedDB so a half-typed visit survives the phone locking, the app being killed
 * and a reload. Recording a visit is in visit-record.ts.
 */
import { db, type DraftRow } from './db';
import type { Visit, VisitOutcome } from '../shared/schema';

export interface VisitInput {
  householdId: string;
  /** Optional id chosen when the draft was opened: recording twice (double tap, retry) stores one visit. */
  id?: string;
  kind: Visit['kind'];
  outcomes: VisitOutcome[];
  notes: string;
  followUpOn: string | null;
  /** ISO time of the visit; defaults to now. */
  at?: string;
  amends?: string | null;
}

/**
 * Saves (replaces) the open draft of a household. One draft per household. Not when the household is gone from this
 * phone (a pulled removal erased it, and its draft, while the form was open): such a draft could never be saved nor
 * reached, and would hold back every app update (an open draft blocks it). False then.
 */
export function saveDraft(draft: VisitInput, now: number = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.drafts, db.households, async () => {
    if ((await db.households.where(':id').equals(draft.householdId).count()) === 0) return false;
    await db.drafts.put({ ...draft, updatedAt: new Date(now).toISOString() });
    return true;
  });
}

export function getDraft(householdId: string): Promise<DraftRow | undefined> {
  return db.drafts.get(householdId);
}

export async function discardDraft(householdId: string): Promise<void> {
  await db.drafts.delete(householdId);
}

/** True while any visit draft is open: the service-worker update must wait. */
export async function hasOpenDraft(): Promise<boolean> {
  return (await listDrafts()).length > 0;
}

/** Open drafts. One left by an earlier version for a household since erased is dropped here (see saveDraft). */
export function listDrafts(): Promise<DraftRow[]> {
  return db.transaction('rw', db.drafts, db.households, async () => {
    const drafts = await db.drafts.toArray();
    const homes = await db.households.bulkGet(drafts.map((d) => d.householdId));
    const orphans = drafts.filter((_, i) => !homes[i]).map((d) => d.householdId);
    if (orphans.length) await db.drafts.bulkDelete(orphans);
    return drafts.filter((_, i) => homes[i]);
  });
}

/** Kept for modules that import recordVisit from here; loads the recording code on first use (not on the first
 *  route). New code imports it from './index'. */
export async function recordVisit(input: VisitInput, now?: number): Promise<Visit> {
  return (await import('./visit-record')).recordVisit(input, now);
}
