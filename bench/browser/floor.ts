/**
 * The browser's own floor under the cold-start figure, measured in the same run: a fresh Chromium process, CPU
 * throttled the same way, navigating to a tiny page on loopback (no service worker, no IndexedDB, no framework) that
 * puts one list row in the DOM from an inline script. Whatever the app takes beyond this is the app's.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchPersistent, throttleCpu } from './chromium';
import type { ColdStart } from './cold-start';

const HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>floor</title></head><body><ul id="l"></ul>
<script>const li = document.createElement('li'); li.textContent = 'Lê Văn Hùng'; document.getElementById('l').append(li);
window.__rowsAt = performance.now(); setTimeout(() => { window.__interactiveAt = performance.now(); }, 0);</script></body></html>`;

/** A floor site and its profile; `run()` is one fresh-process start, so that the bench can interleave it with the app's. */
export async function startFloor(cpuRate: number): Promise<{ run: () => Promise<ColdStart>; close: () => Promise<void> }> {
  const server = createServer((_, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(HTML); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-floor-'));
  const run = async (): Promise<ColdStart> => {
    const ctx = await launchPersistent(dir);
    try {
      const p = ctx.pages()[0] ?? (await ctx.newPage());
      await throttleCpu(p, cpuRate);
      await p.goto(origin);
      await p.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined);
      return await p.evaluate(() => {
        const w = window as unknown as { __rowsAt: number; __interactiveAt: number };
        return { rowsMs: w.__rowsAt, interactiveMs: w.__interactiveAt, rows: 1 };
      });
    } finally {
      await ctx.close();
    }
  };
  const close = async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { run, close };
}
