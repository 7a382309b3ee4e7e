/**
 * The household list's first read, started as the app starts — in parallel with the session read instead of after
 * it. On a cold start the first IndexedDB access opens the origin's database, then each read is a round trip; the
 * list is what the volunteer opened the app for, so it should not queue behind the session.
 */
import { getSettings, listHouseholdSummaries, type HouseholdSummary } from '../../../data';

let first: Promise<{ hamletId: string; list: HouseholdSummary[] } | null> | undefined;

export function prefetchFirstList(): void {
  first ??= getSettings()
    .then((s) => (s.hamletId ? listHouseholdSummaries(s.hamletId).then((list) => ({ hamletId: s.hamletId!, list })) : null))
    .catch(() => null);
}

/** The prefetched list if it is for this hamlet (once; later renders use the live query). */
export async function takeFirstList(hamletId: string): Promise<HouseholdSummary[] | null> {
  const p = first;
  first = undefined;
  const r = p ? await p : null;
  return r && r.hamletId === hamletId ? r.list : null;
}
