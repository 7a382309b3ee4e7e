/**
 * The household list's first read, started as the app starts — in parallel with the session read instead of after
 * it. On a cold start the first IndexedDB access opens the origin's database, then each read is a round trip; the
 * list is what the volunteer opened the app for, so it should not queue behind the session.
 */
import type { HouseholdSummary } from '../../../data';
import { dataLayer } from '../../state/data';

let first: Promise<{ hamletId: string; list: HouseholdSummary[] } | null> | undefined;

export function prefetchFirstList(): void {
  first ??= dataLayer()
    .then(async ({ getSettings, listHouseholdSummaries }) => {
      const { hamletId } = await getSettings();
      return hamletId ? { hamletId, list: await listHouseholdSummaries(hamletId) } : null;
    })
    .catch(() => null);
}

/** The prefetched list if it is for this hamlet (once; later renders use the live query). */
export async function takeFirstList(hamletId: string): Promise<HouseholdSummary[] | null> {
  const p = first;
  first = undefined;
  const r = p ? await p : null;
  return r && r.hamletId === hamletId ? r.list : null;
}
