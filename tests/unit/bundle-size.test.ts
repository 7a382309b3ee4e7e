/**
 * Bundle-size budget: the first route's JS (gzip) must stay ≤ 60 KB — what a volunteer downloads on a village link
 * before the app works. Size is deterministic, so unlike timings it belongs in `npm test`. Reads dist/ when a build
 * is there; otherwise builds with Vite's programmatic API into a temporary folder (dist/ is left alone).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_ROUTE_JS_BUDGET_BYTES, firstRouteJs, htmlEntries, staticImports, workerRefs } from '../../bench/bundle';

const root = resolve(import.meta.dirname, '../..');
let distDir = join(root, 'dist');
let tempDir: string | null = null;

describe('first-route JS budget', () => {
  beforeAll(async () => {
    if (existsSync(join(distDir, 'index.html'))) return;
    tempDir = mkdtempSync(join(tmpdir(), 'tungnha-bundle-'));
    distDir = tempDir;
    // Vitest sets NODE_ENV=test, which would make this a development build (Preact's debug hooks and all):
    // measure what `npm run build` ships instead.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const { build } = await import('vite');
      await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'error', build: { outDir: tempDir, emptyOutDir: true } });
    } catch (e) {
      throw new Error(`dist/ is missing and the Vite build failed — run \`npm run build\` to see why.\n${String(e)}`);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }, 240_000);

  afterAll(() => { if (tempDir) rmSync(tempDir, { recursive: true, force: true }); });

  it(`is at most ${FIRST_ROUTE_JS_BUDGET_BYTES / 1024} KB gzip`, () => {
    const js = firstRouteJs(distDir);
    const listing = js.chunks.map((c) => `${c.file}: ${(c.gzipBytes / 1024).toFixed(1)} KB gzip`).join('\n');
    expect(js.chunks.length, 'index.html names no module script').toBeGreaterThan(0);
    expect(js.gzipBytes, `first-route JS is ${(js.gzipBytes / 1024).toFixed(1)} KB gzip:\n${listing}`).toBeLessThanOrEqual(FIRST_ROUTE_JS_BUDGET_BYTES);
  });
});

describe('what counts as first-route JS', () => {
  it('reads module scripts and modulepreloads, not other scripts or links', () => {
    const html = `<script type="module" crossorigin src="/assets/index-a1.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-b2.js"><link rel="stylesheet" href="/assets/x.css">
      <script src="/legacy.js"></script><link rel="manifest" href="/manifest.webmanifest">`;
    expect(htmlEntries(html)).toEqual(['/assets/index-a1.js', '/assets/vendor-b2.js']);
  });

  it('follows static imports and re-exports, not dynamic import()', () => {
    const code = 'import{h as e}from"./preact-c3.js";import"./side-d4.js";export{x}from"./re-e5.js";const r=()=>import("./lazy-f6.js");';
    expect(staticImports(code)).toEqual(['./preact-c3.js', './side-d4.js', './re-e5.js']);
  });

  it('finds module workers started from a chunk', () => {
    const code = 'const w=new Worker(new URL("/assets/worker-g7.js",import.meta.url),{type:"module"});';
    expect(workerRefs(code)).toEqual(['/assets/worker-g7.js']);
  });
});
