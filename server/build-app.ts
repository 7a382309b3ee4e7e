/**
 * Builds the web app with Vite when dist/ is missing or older than its sources, so `npm start` right after
 * `npm install` serves a current app. Skipped with SKIP_BUILD=1 (tests that only need the API).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'sw', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function appBuildIsStale(root: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(root, s)) > built);
}

export async function buildAppIfNeeded(root: string, outDir: string, log: (line: string) => void): Promise<void> {
  if (!appBuildIsStale(root, outDir)) return;
  log('Đang build ứng dụng web (vite build)… / Building the web app…');
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  log('Build xong. / Build done.');
}
