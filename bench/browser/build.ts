/** Builds the app (dist/) when asked, and the bench pages (bench/.tmp/pages) with Vite's API, from the real sources. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const PAGES_OUT = join(ROOT, 'bench/.tmp/pages');

export async function buildApp(): Promise<void> {
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
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
