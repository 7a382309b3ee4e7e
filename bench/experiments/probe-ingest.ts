/**
 * One ingest measurement as in the bench (50 devices × 5 batches × 200 visits), for interleaved A/B runs of server
 * changes: run it alternately from two worktrees and compare CPU per visit (steadier on a busy host than visits/s).
 * `PROBE_DB=postgres|sqlite PROBE_RUNS=2 npx tsx bench/experiments/probe-ingest.ts` → one `RESULT {json}` line.
 */
import { runIngest } from '../ingest';
import { startThrowawayPg } from '../lib/pg';
import { cpuUsPerVisit } from '../lib/proc-cpu';

const runs = Number(process.env.PROBE_RUNS ?? 2);
const usePg = (process.env.PROBE_DB ?? 'postgres') === 'postgres';
const pg = usePg ? await startThrowawayPg() : null;
if (usePg && !pg) throw new Error('PostgreSQL binaries not found');
try {
  const out = await runIngest({
    databaseUrl: pg?.url, devices: 50, batchesPerDevice: 5, batchSize: 200, runs, households: 5000, visitsPerHousehold: 10,
    log: (s) => console.error(s),
  });
  const per = (ms: number | null | undefined, n: number) => { const us = cpuUsPerVisit(ms, n); return us === null ? null : Math.round(us); };
  console.log(`RESULT ${JSON.stringify(out.map((r) => ({ perSec: Math.round(r.visitsPerSec), server: per(r.serverCpuMs, r.visits), db: per(r.dbCpuMs, r.visits) })))}`);
} finally {
  await pg?.stop();
}
