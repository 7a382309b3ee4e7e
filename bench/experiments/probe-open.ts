/**
 * A fresh browser process's first IndexedDB open on the seeded 5,000-household profile, at 1× and 4× CPU: how much of
 * the cold start is opening the database? `npx tsx bench/experiments/probe-open.ts` (builds the bench pages first).
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
const dir = mkdtempSync(join(tmpdir(), 'tungnha-open-'));
const open = async () => {
  const ctx = await launchPersistent(dir);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await openBenchPage(page, site.origin);
  return { ctx, page };
};
try {
  const first = await open();
  console.log('seed', await call(first.page, 'seed', { seed: 11, households: Number(process.env.PROBE_HOUSEHOLDS ?? 5000), visitsPerHousehold: 10 }));
  await first.ctx.close();
  for (const rate of [1, 4, 1, 4]) {
    const { ctx, page } = await open();
    await throttleCpu(page, rate);
    console.log(`${rate}x`, JSON.stringify(await call(page, "probeOpen")));
    await ctx.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await site.close();
}
