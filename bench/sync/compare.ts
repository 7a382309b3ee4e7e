/**
 * Sync over the village link, Từng Nhà vs PouchDB, in the same run. Per round: a fresh phone (new Chromium profile)
 * enrols as a member of the commune's largest hamlet and pulls it (the "new device" figure), queues 5,000 visits,
 * taps "Đồng bộ" (push, then pull); then the very same 5,000 visits are replicated by PouchDB (`replicate.to`) to
 * express-pouchdb through an identical link. Each side gets a fresh link (its own handshakes) and its own counters.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type Child } from '../lib/child';
import { startLinkProxy, type LinkStats } from '../link-proxy';
import { startStaticServer } from '../browser/static-server';
import { launchPersistent } from '../browser/chromium';
import { PAGES_OUT } from '../browser/build';
import { openBenchPage } from '../browser/micro';
import { replicateVisitsWithPouch, type PouchRun } from './pouch';
import type { Visit } from '../../src/shared/schema';
import type { TraceStep } from '../pages/phone';

/** Where the tap's time went, one line per step (ms since the tap; requests: request bytes, duration). */
function formatTrace(trace: TraceStep[]): string {
  const rows = [...trace].sort((a, b) => a.t0 - b.t0).map((s) =>
    `    ${s.what.padEnd(6)} ${s.t0.toFixed(0).padStart(6)} → ${s.t1.toFixed(0).padStart(6)} ms (${(s.t1 - s.t0).toFixed(0).padStart(5)} ms)${s.n !== undefined ? ` n=${s.n}` : ''}${s.bytes ? ` ${s.bytes} B` : ''}`);
  return ['  trace of the sync tap:', ...rows].join('\n');
}

export interface Timed extends LinkStats { ms: number }
export interface SyncRound { pull: Timed; queued: number; sync: Timed & { ok: boolean; push?: Timed }; pouch: Timed & PouchRun }

type Call = <T>(fn: string, ...args: unknown[]) => Promise<T>;

export async function runSyncComparison(opts: { rounds: number; visits: number; households: number; visitsPerHousehold: number; log: (s: string) => void }): Promise<SyncRound[]> {
  const children: Child[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const server = await startChild('bench/servers/tungnha-server.ts', {
      label: 'tung-nha server', env: { BENCH_LARGEST_HAMLET_DEVICES: String(opts.rounds), BENCH_HOUSEHOLDS: String(opts.households), BENCH_VISITS_PER_HOUSEHOLD: String(opts.visitsPerHousehold) },
    });
    children.push(server);
    const codes = (JSON.parse(/CODES (.*)/.exec(server.stdout())![1]!) as { codes: { code: string; role: string }[] }).codes.filter((c) => c.role === 'member');
    const origin = await startStaticServer(PAGES_OUT, PAGES_OUT, server.port);
    cleanups.push(origin.close);
    const pouchServer = await startChild('bench/servers/pouch-server.ts', { label: 'express-pouchdb' });
    children.push(pouchServer);
    const rounds: SyncRound[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const link = await startLinkProxy({ targetPort: Number(new URL(origin.origin).port) });
      const dir = mkdtempSync(join(tmpdir(), 'tungnha-phone-'));
      const ctx = await launchPersistent(dir);
      try {
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        let pushStats: LinkStats | null = null;
        await page.exposeFunction('__benchPhase', () => { pushStats = link.stats(); });
        await openBenchPage(page, link.origin, 120_000);
        // Errors thrown in the page arrive as bare minified names: rethrow with the step and the page's own text.
        const call: Call = (fn, ...args) => page.evaluate(async ([f, a]) => {
          try { return await (window as unknown as { __bench: Record<string, (...x: unknown[]) => unknown> }).__bench[f as string]!(...(a as unknown[])); }
          catch (e) { throw new Error(`${f}: ${e instanceof Error ? `${e.name}: ${e.message} ${JSON.stringify(e)}` : JSON.stringify(e)}`); }
        }, [fn, args] as const) as never;
        await call('enrol', codes[r]!.code);
        link.reset();
        const p = await call<{ ms: number; ok: boolean }>('sync');
        if (!p.ok) throw new Error('pull for a new device failed');
        const pull = { ...link.stats(), ms: p.ms };
        const visits = await call<Visit[]>('queueVisits', opts.visits);
        link.reset();
        pushStats = null;
        const s = await call<{ ms: number; ok: boolean; pushMs?: number; problem?: string; trace?: TraceStep[] }>('sync');
        const total = link.stats();
        if (!s.ok) throw new Error(`sync failed: ${s.problem}`);
        if (s.trace) opts.log(formatTrace(s.trace));
        const push = pushStats as LinkStats | null;
        const sync = { ...total, ms: s.ms, ok: s.ok, ...(push && s.pushMs !== undefined ? { push: { ...push, ms: s.pushMs } } : {}) };
        await ctx.close();
        await link.close();
        const pouchLink = await startLinkProxy({ targetPort: pouchServer.port });
        const pr = await replicateVisitsWithPouch(visits, pouchLink.origin);
        const pouch = { ...pouchLink.stats(), ...pr };
        await pouchLink.close();
        if (pr.docsWritten !== visits.length) throw new Error(`PouchDB wrote ${pr.docsWritten} of ${visits.length}`);
        opts.log(`  round ${r + 1}: Từng Nhà ${Math.round(sync.ms)} ms, ${sync.requests} req, ${sync.bytesUp}↑ ${sync.bytesDown}↓ B; PouchDB ${Math.round(pouch.ms)} ms, ${pouch.requests} req, ${pouch.bytesUp}↑ ${pouch.bytesDown}↓ B; new-device pull ${Math.round(pull.ms)} ms ${pull.bytesDown}↓ B`);
        rounds.push({ pull, queued: visits.length, sync, pouch });
      } finally {
        await ctx.close().catch(() => {});
        await link.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return rounds;
  } finally {
    for (const c of cleanups) await c().catch(() => {});
    for (const c of children) await c.stop();
  }
}
