/**
 * How fast this host's Chromium is, in Lighthouse's BenchmarkIndex, and the CPU throttle that makes it run like a
 * cheap phone. A fixed 4× is relative to the host: on a fast machine it emulates a faster phone than on a slow one
 * (the cold start moved 3× between two hosts of this workplace, docs/benchmarks.md §2). DevTools' CPU calibration
 * (devtools-frontend, panels/mobile_throttling/CalibrationController.ts) scores a low-tier phone (Moto G4 Power 2022)
 * 264 and a mid-tier one (Pixel 5) 1000; we find the rate at which this host scores like the low-tier one. What that
 * rate slows is the page's main thread (CDP throttling), measured by pure JavaScript: the browser's own processes
 * (start-up, IndexedDB, GPU) keep this host's speed, so a start at that rate is not a low-tier phone's (D-B3). The
 * rate is used even when three corrections did not bring the score within 10 %: the score reached is printed.
 */
import type { Page } from '@playwright/test';
import { launch } from './chromium';

/** A low-tier Android phone's BenchmarkIndex (DevTools' calibration target "low-tier mobile"). */
export const LOW_TIER_PHONE = 264;

/**
 * Lighthouse's BenchmarkIndex (core/lib/page-functions.js, Apache-2.0; the algorithm, restated): the mean of a
 * GC-heavy score (10,000-character strings built per second ÷ 10) and a GC-free one (100,000-integer array copies per
 * second ÷ 10, the clock read every tenth copy), each run for `halfMs`, in the page.
 */
const BENCHMARK_INDEX = `((halfMs) => {
  const rate = (iterations, start) => Math.round(iterations / 10 / ((Date.now() - start) / 1000));
  let start = Date.now();
  let strings = 0;
  while (Date.now() - start < halfMs) {
    let s = '';
    for (let j = 0; j < 10000; j++) s += 'a';
    if (s.length === 1) throw new Error('unreachable: keeps the loop from being optimised away');
    strings++;
  }
  const gc = rate(strings, start);
  const a = [];
  const b = [];
  for (let i = 0; i < 100000; i++) a[i] = b[i] = i;
  start = Date.now();
  let copies = 0;
  while (copies % 10 !== 0 || Date.now() - start < halfMs) {
    const src = copies % 2 === 0 ? a : b;
    const dst = copies % 2 === 0 ? b : a;
    for (let j = 0; j < src.length; j++) dst[j] = src[j];
    copies++;
  }
  return (gc + rate(copies, start)) / 2;
})`; // a string, not a function: tsx's name helper (__name) does not exist in the page

async function indexAt(page: Page, rate: number, halfMs: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const score = (await page.evaluate(`${BENCHMARK_INDEX}(${halfMs})`)) as number;
  await cdp.detach();
  return score;
}

/** The median of 5 scores: one score moves by ± 20 % between runs on this host. */
async function scoreAt(page: Page, rate: number): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) xs.push(await indexAt(page, rate, 500));
  return xs.sort((x, y) => x - y)[2]!;
}

export interface Calibration { hostIndex: number; indexAt4x: number; lowTierRate: number; lowTierIndex: number }

/**
 * The host's index at 1× and at 4× (medians of 5, after a warm-up), and the rate that brings it to `target`: start
 * from host ÷ target and correct it by the measured ratio until within 10 % (the score is not inverse to the rate:
 * 4× scores ≈ host ÷ 5 here).
 */
export async function calibrate(target = LOW_TIER_PHONE, log: (s: string) => void = () => {}): Promise<Calibration> {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setContent('<p>calibration</p>');
    await indexAt(page, 1, 250);
    const hostIndex = await scoreAt(page, 1);
    const indexAt4x = await scoreAt(page, 4);
    let rate = Math.round(Math.max(1, hostIndex / target) * 10) / 10;
    let score = await scoreAt(page, rate);
    for (let i = 0; i < 3 && Math.abs(score / target - 1) > 0.1; i++) {
      rate = Math.round(Math.max(1, rate * (score / target)) * 10) / 10;
      score = await scoreAt(page, rate);
    }
    const r = { hostIndex, indexAt4x, lowTierRate: rate, lowTierIndex: score };
    log(`  BenchmarkIndex: host ${r.hostIndex} at 1×, ${r.indexAt4x} at 4×; ${r.lowTierIndex} at ${r.lowTierRate}× (low-tier phone: ${target})`);
    return r;
  } finally {
    await browser.close();
  }
}
