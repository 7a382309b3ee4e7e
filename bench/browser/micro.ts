/**
 * Browser micro figures on a clean origin: seed 5,000 households / 50,000 visits through the real data layer, then
 * search keystrokes (1× and 4× CPU), visit saves in real IndexedDB, and the dashboard in a worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchPersistent, throttleCpu } from './chromium';
import { DEMO_NOW_MS } from '../../src/shared/demo';

export interface MicroResult {
  seedMs: number; households: number;
  search: { rate: number; samples: number[] }[];
  /** Saves as the app makes them: the visit form read ahead when it opened (prepareVisit), the tap timed. */
  save: number[][];
  /** The same saves with nothing read ahead, alternating with `save` in the same runs. */
  savePlain?: number[][];
  /** The warm-up saves before the runs (read ahead, as `save`), in order: the first is the first save of the session. */
  saveWarmup?: number[];
  /** One-row strict and relaxed transactions on the same origin, same count: the disk's floor under `save`. */
  saveFloor?: { strict: number[]; relaxed: number[] }[];
  dashboard: { totalMs: number; loadMs: number; computeMs: number; visits: number }[];
}

export const SEARCH_QUERIES = ['nguyen van', 'le thi hoa', 'tran', '0912', 'pham dung', 'ho', 'vu minh duc', 'xom'];

/** Calls `window.__bench[fn](...args)` on a bench page. */
export const call = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => ((window as unknown as { __bench: Record<string, (...x: unknown[]) => unknown> }).__bench[f as string]!(...(a as unknown[]))), [fn, args] as const) as Promise<T>;

/** Opens the bench page on `origin` and waits until its modules are loaded and `call` can reach them. */
export async function openBenchPage(page: Page, origin: string, timeout?: number): Promise<void> {
  const opts = timeout ? { timeout } : undefined;
  await page.goto(`${origin}/__bench/bench.html`, opts);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, opts);
}

export async function runMicro(origin: string, opts: { households: number; visitsPerHousehold: number; saveRuns: number; savesPerRun: number; dashboardRuns: number; log: (s: string) => void }): Promise<MicroResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-micro-'));
  const ctx = await launchPersistent(dir);
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await openBenchPage(page, origin);
    const { ms: seedMs } = await call<{ ms: number }>(page, 'seed', { seed: 11, households: opts.households, visitsPerHousehold: opts.visitsPerHousehold });
    const households = await call<number>(page, 'loadSummaries');
    opts.log(`  seeded ${households} households in ${Math.round(seedMs)} ms`);
    const search: MicroResult['search'] = [];
    for (const rate of [1, 4]) {
      await throttleCpu(page, rate);
      await call(page, 'search', SEARCH_QUERIES, 1); // warm-up (JIT), not recorded
      const r = await call<{ samples: number[] }>(page, 'search', SEARCH_QUERIES, 5);
      search.push({ rate, samples: r.samples });
    }
    await throttleCpu(page, 1);
    const save: number[][] = [];
    const savePlain: number[][] = [];
    const saveFloor: NonNullable<MicroResult['saveFloor']> = [];
    // Warm-up, not recorded (as for search): the first saves after the page loads pay the JIT and the lazy chunks, and
    // run while Chromium still compacts what the 30-second seed wrote; a volunteer's phone is not compacting a commune
    // it just loaded. The warm-up's own times are kept and reported (the first save of a session).
    const warm = await call<{ early: number[]; plain: number[] }>(page, 'save', 20);
    for (let i = 0; i < opts.saveRuns; i++) {
      const saved = await call<{ early: number[]; plain: number[] }>(page, 'save', opts.savesPerRun);
      save.push(saved.early);
      savePlain.push(saved.plain);
    }
    // The floor after all the save runs, not between them: its 200 one-row transactions go to the same origin's
    // storage, and the storage's background work after them landed on the first saves of the next run (session 5).
    for (let i = 0; i < opts.saveRuns; i++) saveFloor.push(await call<{ strict: number[]; relaxed: number[] }>(page, 'saveFloor', opts.savesPerRun));
    const dashboard: MicroResult['dashboard'] = [];
    // A custom period over the demo's whole 120 days, so every one of the 50,000 visits counts.
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const req = { period: { kind: 'custom', from: iso(DEMO_NOW_MS - 130 * 86_400_000), to: iso(DEMO_NOW_MS) }, now: DEMO_NOW_MS };
    for (let i = 0; i < opts.dashboardRuns; i++) {
      const d = await call<{ totalMs: number; loadMs: number; computeMs: number; visits: number; error?: string }>(page, 'dashboard', req);
      if (d.error) throw new Error(`dashboard worker: ${d.error}`);
      dashboard.push(d);
    }
    await call(page, 'dropFloor');
    return { seedMs, households, search, save, savePlain, saveWarmup: warm.early, saveFloor, dashboard };
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
