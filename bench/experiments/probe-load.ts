/**
 * Where do the dashboard's and the list's IndexedDB reads go? Seeds the reference commune on a clean origin, then
 * runs probeDashboardLoad and probeList (bench/pages/seed.ts) a few times. `npx tsx bench/experiments/probe-load.ts`
 * (builds the bench pages first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_OUT, buildApp, buildBenchPages, PAGES_OUT } from '../browser/build';
import { startStaticServer } from '../browser/static-server';
import { launchPersistent, throttleCpu } from '../browser/chromium';
import { call, openBenchPage } from '../browser/micro';

await buildApp();
await buildBenchPages();
const site = await startStaticServer(APP_OUT, PAGES_OUT);
const dir = mkdtempSync(join(tmpdir(), 'tungnha-probe-'));
const ctx = await launchPersistent(dir);
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await openBenchPage(page, site.origin);
  console.log('seed', await call(page, 'seed', { seed: 11, households: 5000, visitsPerHousehold: 10 }));
  for (let i = 0; i < 3; i++) console.log('dashboard load', await call(page, 'probeDashboardLoad'));
  for (let i = 0; i < 3; i++) console.log('chunks', await call(page, 'probeChunks'));
  for (const rate of [1, 4]) {
    await throttleCpu(page, rate);
    for (let i = 0; i < 2; i++) console.log(`list ${rate}x`, await call(page, 'probeList'));
  }
} finally {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
  await site.close();
}
