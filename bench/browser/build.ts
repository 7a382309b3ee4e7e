/** Builds the app (dist/) when asked, and the bench pages (bench/.tmp/pages) with Vite's API, from the real sources. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The app as `npm run build` makes it, but in a folder of our own: other tools (e2e, a dev's build) rebuild or
 *  delete dist/ at any time, and a cold start must not be served half of one build and half of another. */
export const APP_OUT = join(ROOT, 'bench/.tmp/dist');
export const DIST = join(ROOT, 'dist');
export const PAGES_OUT = join(ROOT, 'bench/.tmp/pages');

export async function buildApp(outDir = APP_OUT): Promise<void> {
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

export async function buildBenchPages(): Promise<void> {
  const pages = join(ROOT, 'bench/pages');
  await build({
    configFile: false, root: pages, base: '/__bench/', logLevel: 'warn',
    build: {
      outDir: PAGES_OUT, emptyOutDir: true, target: 'es2022', minify: true, modulePreload: false,
      rollupOptions: { input: { bench: join(pages, 'bench.html'), seed: join(pages, 'seed.ts') }, preserveEntrySignatures: 'strict', output: { entryFileNames: '[name].js' } },
    },
    worker: { format: 'es' },
  });
  if (!existsSync(join(PAGES_OUT, 'seed.js'))) throw new Error('bench pages: seed.js was not built');
}
