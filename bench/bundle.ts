/**
 * "Initial JS for the first route": what a volunteer's phone must download before the app works. Read from a
 * built dist/: index.html's module scripts and modulepreloads, plus every chunk those import statically
 * (followed recursively, in case a preload link is missing). Dynamic `import()` chunks are lazy routes and do not
 * count. Sizes are gzip at zlib's default level, as the server compresses them. Deterministic: no timing here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budget from the issue: 60 KB (KiB) gzip for the first route. */
export const FIRST_ROUTE_JS_BUDGET_BYTES = 60 * 1024;

export interface ChunkSize { file: string; rawBytes: number; gzipBytes: number }
export interface FirstRouteJs { chunks: ChunkSize[]; rawBytes: number; gzipBytes: number; workers: ChunkSize[] }

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

/** Entry points named by index.html: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
export function htmlEntries(html: string): string[] {
  const out: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) if (/type\s*=\s*["']module["']/i.test(tag) && attr(tag, 'src')) out.push(attr(tag, 'src')!);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) if (/rel\s*=\s*["']modulepreload["']/i.test(tag) && attr(tag, 'href')) out.push(attr(tag, 'href')!);
  return out;
}

/** Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"` in a (minified) chunk. */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"'\s]+\.m?js)["']/g)) out.push(m[1]!);
  return out;
}

/** Module workers referenced by a chunk (`new Worker(new URL("…", import.meta.url))`): reported, not budgeted. */
export function workerRefs(code: string): string[] {
  return [...code.matchAll(/new\s+(?:Shared)?Worker\(\s*(?:""\s*\+\s*)?new\s+URL\(\s*["']([^"']+\.js)["']/g)].map((m) => m[1]!);
}

function resolveIn(distDir: string, from: string, spec: string): string {
  if (/^[a-z]+:/i.test(spec)) throw new Error(`initial chunk imports a remote module: ${spec}`);
  const rel = spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(from), spec);
  return posix.normalize(rel).replace(/^\.\//, '');
}

export function firstRouteJs(distDir: string): FirstRouteJs {
  const htmlPath = join(distDir, 'index.html');
  if (!existsSync(htmlPath)) throw new Error(`${htmlPath} not found: run \`npm run build\` first`);
  const size = (file: string): ChunkSize => {
    const buf = readFileSync(join(distDir, file));
    return { file, rawBytes: buf.length, gzipBytes: gzipSync(buf).length };
  };
  const seen = new Set<string>();
  const workers = new Set<string>();
  const queue = htmlEntries(readFileSync(htmlPath, 'utf8')).map((s) => resolveIn(distDir, 'index.html', s));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    for (const spec of staticImports(code)) queue.push(resolveIn(distDir, file, spec));
    for (const spec of workerRefs(code)) workers.add(resolveIn(distDir, file, spec));
  }
  const chunks = [...seen].sort().map(size);
  return {
    chunks, rawBytes: chunks.reduce((n, c) => n + c.rawBytes, 0), gzipBytes: chunks.reduce((n, c) => n + c.gzipBytes, 0),
    workers: [...workers].filter((w) => existsSync(join(distDir, w))).sort().map(size),
  };
}
