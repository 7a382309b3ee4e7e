/**
 * The dashboard's read: one facts bundle per hamlet (src/shared/hamlet-facts.ts). A bundle is a cache over the
 * hamlet's digests; writers delete it (refreshDigests, recordVisit), and it is rebuilt here from the digests in the
 * same transaction that stores it, so a bundle never mixes data from before and after a write.
 */
import { db } from './db';
import { DIGEST_VERSION, type DigestFacts } from '../shared/digest';
import { bundleFacts, unbundleFacts } from '../shared/hamlet-facts';

const fresh = (row: { v: number } | undefined) => row !== undefined && row.v === DIGEST_VERSION;

/** The facts of every household of these hamlets; rebuilds the bundles that writes have dropped. */
export async function hamletFacts(hamletIds: readonly string[]): Promise<DigestFacts[]> {
  let rows = await db.transaction('r', db.hamletFacts, () => db.hamletFacts.bulkGet(hamletIds as string[]));
  if (!rows.every(fresh)) {
    rows = await db.transaction('rw', [db.digests, db.hamletFacts], async () => {
      const current = await db.hamletFacts.bulkGet(hamletIds as string[]);
      return Promise.all(hamletIds.map(async (hamletId, i) => {
        const row = current[i];
        if (row && fresh(row)) return row;
        const digests = await db.digests.where('hamletId').equals(hamletId).toArray();
        const rebuilt = { hamletId, v: DIGEST_VERSION, bundle: bundleFacts(digests) };
        await db.hamletFacts.put(rebuilt);
        return rebuilt;
      }));
    });
  }
  return rows.flatMap((r, i) => unbundleFacts(hamletIds[i]!, r!.bundle));
}
