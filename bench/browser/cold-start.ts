/**
 * Offline cold start: the installed app (service worker active, 5,000 households and 50,000 visits in IndexedDB)
 * is launched with the network off and the CPU throttled 4× (Lighthouse's mobile preset), and we time navigation
 * start → household list interactive: rows in the DOM and the main thread free again (the first task after the
 * render runs). Every run is a fresh browser process on the same profile: nothing warm in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchPersistent, throttleCpu } from './chromium';

/** Phases (ms from navigation start): HTML from the service worker, app module running, session read, list data. */
export interface ColdPhases { responseMs: number; appStartMs: number; sessionMs: number; listDataMs: number; fcpMs: number }
export interface ColdStart { interactiveMs: number; rowsMs: number; rows: number; phases?: ColdPhases }

/** Installed in every page before any script: records when the first household row appears and when the next task runs. */
const PROBE = `(() => {
  const mark = () => {
    if (window.__rowsAt !== undefined) return;
    const rows = document.querySelectorAll('[data-testid="household-list"] li').length;
    if (rows === 0) return;
    window.__rowsAt = performance.now(); window.__rows = rows;
    setTimeout(() => { window.__interactiveAt = performance.now(); }, 0);
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
})();`;

export interface ColdOptions { households: number; visitsPerHousehold: number; log: (s: string) => void }

/** Install: first visit online registers the service worker (it precaches the shell), then seed IndexedDB. */
export async function installAndSeed(dir: string, appOrigin: string, opts: ColdOptions): Promise<void> {
  const setup = await launchPersistent(dir);
  const page = setup.pages()[0] ?? (await setup.newPage());
  await page.goto(`${appOrigin}/`);
  await page.waitForFunction(() => navigator.serviceWorker?.ready.then((r) => !!r.active), undefined, { timeout: 60_000 });
  const seeded = await page.evaluate(async (o) => {
    const m = (await import(/* @vite-ignore */ `${location.origin}/__bench/seed.js`)) as { seed(x: object): Promise<{ ms: number }> };
    return m.seed(o);
  }, { seed: 11, households: opts.households, visitsPerHousehold: opts.visitsPerHousehold });
  opts.log(`  installed and seeded ${opts.households} households in ${Math.round(seeded.ms)} ms`);
  // One online reload so the page is controlled and the precache is complete before going offline.
  await page.reload();
  await page.waitForSelector('[data-testid="household-list"] li', { timeout: 60_000 });
  await setup.close();
}

/** One offline cold start on a fresh browser process; `around` may attach a profiler to the page before navigating. */
export async function coldRun(dir: string, appOrigin: string, cpuRate: number, around?: (p: Page) => Promise<() => Promise<void>>, phone = false): Promise<ColdStart> {
  const ctx = await launchPersistent(dir, true, phone);
  try {
    await ctx.addInitScript(PROBE);
    const p = ctx.pages()[0] ?? (await ctx.newPage());
    await throttleCpu(p, cpuRate);
    const done = around ? await around(p) : undefined;
    await p.goto(`${appOrigin}/households`, { timeout: 60_000 });
    await p.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined, undefined, { timeout: 60_000 });
    await done?.();
    // The live data arrives after the list is usable (D21); wait for it too, so the table shows when it did.
    await p.waitForFunction(() => performance.getEntriesByName('tn:list-data').length > 0, undefined, { timeout: 30_000 }).catch(() => undefined);
    const r = await p.evaluate(() => {
      const w = window as unknown as { __interactiveAt: number; __rowsAt: number; __rows: number };
      return { interactiveMs: w.__interactiveAt, rowsMs: w.__rowsAt, rows: w.__rows };
    });
    // Where the time went: navigation timing and the app's own performance marks (src/main.tsx, HouseholdList).
    const phases = await p.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      // No helper function here: tsx would wrap it in a `__name` call that does not exist in the page.
      const at = ['tn:app-start', 'tn:session', 'tn:list-data'].map((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? NaN);
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      return { responseMs: nav?.responseEnd ?? NaN, appStartMs: at[0]!, sessionMs: at[1]!, listDataMs: at[2]!, fcpMs: fcp };
    });
    return { ...r, phases };
  } finally {
    await ctx.close();
  }
}

/**
 * `runs` cold starts at Playwright's default window (1280 × 720), and after each of the first `phoneRuns` one more on a
 * phone's screen (chromium.ts PHONE) — and with `lowTierRate` one more on that screen at that throttle (calibrate.ts) —
 * on the same profile; with `floor`, after each app start one start of the
 * browser's floor page (floor.ts). Interleaved, so that all of them see the same machine: the app's time beyond the
 * floor can then be paired by round, which cancels most of the host's drift.
 */
export async function runColdStart(appOrigin: string, opts: ColdOptions & { runs: number; phoneRuns?: number; cpuRate: number; lowTierRate?: number; floor?: () => Promise<ColdStart> }): Promise<{ runs: ColdStart[]; phone: ColdStart[]; floor: ColdStart[]; lowTier: ColdStart[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-cold-'));
  try {
    await installAndSeed(dir, appOrigin, opts);
    const runs: ColdStart[] = [];
    const phone: ColdStart[] = [];
    const floor: ColdStart[] = [];
    const lowTier: ColdStart[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const r = await coldRun(dir, appOrigin, opts.cpuRate);
      runs.push(r);
      opts.log(`  run ${i + 1}: rows ${Math.round(r.rowsMs)} ms, interactive ${Math.round(r.interactiveMs)} ms ${JSON.stringify(r.phases)}`);
      if (opts.floor) {
        const f = await opts.floor();
        floor.push(f);
        opts.log(`  floor run ${i + 1}: interactive ${Math.round(f.interactiveMs)} ms`);
      }
      if (i >= (opts.phoneRuns ?? 0)) continue;
      const p = await coldRun(dir, appOrigin, opts.cpuRate, undefined, true);
      phone.push(p);
      opts.log(`  phone run ${i + 1}: rows ${Math.round(p.rowsMs)} ms, interactive ${Math.round(p.interactiveMs)} ms`);
      if (!opts.lowTierRate) continue;
      const l = await coldRun(dir, appOrigin, opts.lowTierRate, undefined, true);
      lowTier.push(l);
      opts.log(`  low-tier phone run ${i + 1} (${opts.lowTierRate}×): rows ${Math.round(l.rowsMs)} ms, interactive ${Math.round(l.interactiveMs)} ms`);
    }
    return { runs, phone, floor, lowTier };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
