/**
 * Server ingest: 50 devices push at once, straight to the server (no link: this is the server's capacity).
 * Each device is a member of one hamlet and pushes batches of new visits for that hamlet's households encoded as the
 * sync engine encodes them (ASCII JSON, gzip), prepared before the clock starts as the phones prepare them. The server
 * runs in its own process on a database already holding the commune (5,000 households, 50,000 visits).
 */
import { gzipSync } from 'node:zlib';
import { startChild } from './lib/child';
import { commandCpuMs, cpuUsPerVisit, processCpuMs } from './lib/proc-cpu';
import { asciiJson } from '../src/shared/ascii-json';
import { generateDemoCommune, DEMO_NOW_MS } from '../src/shared/demo';
import { encodeHlc } from '../src/shared/hlc';
import { uuidv7 } from '../src/shared/ids';
import { EnrolResponse } from '../src/shared/protocol';
import type { Visit } from '../src/shared/schema';

/** Node flags of the production server: package.json `start` and docs/deploy/Dockerfile (keep the three in step). */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

/** serverCpuMs: the server process's CPU time over the run; dbCpuMs: PostgreSQL's processes' (null on SQLite, which
 *  runs inside the server, and where /proc cannot be read). Per visit they vary far less with the host than visits/s. */
export interface IngestRun {
  visits: number; ms: number; visitsPerSec: number; batchMs: number[]; statuses: Record<string, number>;
  serverCpuMs?: number | null; dbCpuMs?: number | null;
}

export async function runIngest(opts: {
  databaseUrl?: string; devices: number; batchesPerDevice: number; batchSize: number; runs: number;
  households: number; visitsPerHousehold: number; log: (s: string) => void;
}): Promise<IngestRun[]> {
  const env: NodeJS.ProcessEnv = { BENCH_MEMBER_DEVICES: String(opts.devices), BENCH_HOUSEHOLDS: String(opts.households), BENCH_VISITS_PER_HOUSEHOLD: String(opts.visitsPerHousehold) };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server to find where ingest time goes.
  // The server runs with the flags `npm start` and the Dockerfile give it (D-I3), plus any given for profiling.
  const nodeArgs = [...SERVER_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const server = await startChild('bench/servers/tungnha-server.ts', { label: 'ingest server', env, timeoutMs: 180_000, ...(nodeArgs ? { nodeArgs } : {}) });
  try {
    const origin = `http://127.0.0.1:${server.port}`;
    const { codes } = JSON.parse(/CODES (.*)/.exec(server.stdout())![1]!) as { codes: { code: string; role: string }[] };
    const demo = generateDemoCommune({ seed: 11, households: opts.households, visitsPerHousehold: opts.visitsPerHousehold, now: DEMO_NOW_MS });
    const template = demo.visits;
    const devices: { token: string; memberId: string; deviceId: string; households: string[]; hamletId: string }[] = [];
    for (const c of codes.filter((x) => x.role === 'member').slice(0, opts.devices)) {
      const res = await fetch(`${origin}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: c.code, deviceName: 'ingest' }) });
      if (res.status !== 201) throw new Error(`enrol: ${res.status} ${await res.text()}`);
      const e = EnrolResponse.parse(await res.json());
      const hamletId = e.member.hamletIds[0]!;
      devices.push({ token: e.token, memberId: e.member.id, deviceId: e.deviceId, hamletId, households: demo.households.filter((h) => h.hamletId === hamletId).map((h) => h.id) });
    }
    const runs: IngestRun[] = [];
    for (let r = 0; r < opts.runs; r++) {
      // Prepare every body first: ids, HLCs and gzip are the phones' work, not the server's.
      const bodies = devices.map((d, di) => Array.from({ length: opts.batchesPerDevice }, (_, b) => {
        const mutations = Array.from({ length: opts.batchSize }, (_, i) => {
          const t = template[(di * 7919 + b * 104_729 + i * 31 + r) % template.length]!;
          const now = Date.now() - 3_600_000 + b * opts.batchSize + i;
          const visit: Visit = { ...t, id: uuidv7(now), householdId: d.households[(i * 13 + b) % d.households.length]!, hamletId: d.hamletId, memberId: d.memberId, at: new Date(now).toISOString(), amends: null };
          return { id: uuidv7(now), type: 'visit.create', entityId: visit.id, hlc: encodeHlc({ wallMs: now, counter: i % 1000, node: d.deviceId.slice(0, 8) }), payload: visit };
        });
        return gzipSync(asciiJson({ mutations }));
      }));
      const batchMs: number[] = [];
      const statuses: Record<string, number> = {};
      const pid = server.proc.pid!;
      const dbCpu = () => (opts.databaseUrl ? commandCpuMs('postgres') : null);
      const cpu0 = [processCpuMs(pid), dbCpu()] as const;
      const t0 = performance.now();
      await Promise.all(devices.map(async (d, di) => {
        for (const body of bodies[di]!) {
          const s = performance.now();
          let res: Response, json: { results?: { status: string }[] };
          // One retry for a keep-alive socket the server closed while this device was idle (nothing was sent on it).
          const send = () => fetch(`${origin}/api/v1/sync/push`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${d.token}` } });
          try {
            res = await send().catch((e: { cause?: { code?: string } }) => { if (e.cause?.code === 'UND_ERR_SOCKET') return send(); throw e; });
            json = (await res.json()) as typeof json;
          } catch (e) {
            const why = `error ${String((e as { cause?: unknown }).cause ?? e).slice(0, 60)}`;
            statuses[why] = (statuses[why] ?? 0) + 1;
            continue;
          }
          batchMs.push(performance.now() - s);
          if (res.status !== 200) { statuses[`http ${res.status}`] = (statuses[`http ${res.status}`] ?? 0) + 1; continue; }
          for (const x of json.results ?? []) statuses[x.status] = (statuses[x.status] ?? 0) + 1;
        }
      }));
      const ms = performance.now() - t0;
      const cpu1 = [processCpuMs(pid), dbCpu()] as const;
      const used = (i: 0 | 1) => (cpu0[i] === null || cpu1[i] === null ? null : cpu1[i]! - cpu0[i]!);
      const accepted = statuses.accepted ?? 0;
      runs.push({ visits: accepted, ms, visitsPerSec: accepted / (ms / 1000), batchMs, statuses, serverCpuMs: used(0), dbCpuMs: used(1) });
      const perVisit = (x: number | null) => { const us = cpuUsPerVisit(x, accepted); return us === null ? '' : ` ${Math.round(us)}`; };
      opts.log(`  run ${r + 1}: ${accepted} visits in ${Math.round(ms)} ms = ${Math.round(accepted / (ms / 1000))}/s; CPU µs/visit server${perVisit(used(0))}${opts.databaseUrl ? ` db${perVisit(used(1))}` : ''} ${JSON.stringify(statuses)}`);
    }
    return runs;
  } catch (e) {
    throw new Error(`${String(e)}; server exit=${server.proc.exitCode}; server log:\n${server.log().slice(-1500)}`);
  } finally {
    await server.stop();
  }
}
