/**
 * PouchDB side of the sync comparison: the same visits as CouchDB documents in a local PouchDB (memory adapter,
 * so local storage costs nothing), replicated with `replicate.to` to express-pouchdb through the village link.
 * This is the engine of the closest peer (CHT); its protocol is revs_diff + bulk_docs per batch of 100 plus
 * checkpoint documents, uncompressed uploads.
 */
import PouchDB from 'pouchdb-core';
import adapterHttp from 'pouchdb-adapter-http';
import adapterMemory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import type { Visit } from '../../src/shared/schema';

PouchDB.plugin(adapterMemory).plugin(adapterHttp).plugin(replication);

let dbSeq = 0;

export interface PouchRun { ms: number; docsWritten: number; failures: number }

/** Loads the visits locally (not timed), then times `replicate.to` through `origin` (the link proxy). */
export async function replicateVisitsWithPouch(visits: readonly Visit[], origin: string): Promise<PouchRun> {
  const name = `visits-${process.pid}-${++dbSeq}`;
  const local = new PouchDB(`local-${name}`, { adapter: 'memory' });
  await local.bulkDocs(visits.map((v) => ({ _id: v.id, type: 'visit', ...v })));
  // Node's fetch (keep-alive, gzip accepted) as a browser would do; PouchDB's default node-fetch opens a new
  // connection per request, which would charge it 2 handshakes per request and be unfair.
  const remote = new PouchDB(`${origin}/${name}`, { fetch: (url, init) => fetch(url, init) });
  const t0 = performance.now();
  const r = await local.replicate.to(remote);
  const ms = performance.now() - t0;
  await local.destroy();
  return { ms, docsWritten: r.docs_written, failures: r.doc_write_failures };
}
