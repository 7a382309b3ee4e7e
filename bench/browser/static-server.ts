/**
 * Serves the built app (dist/) with a single-page fallback, and the built bench pages under /__bench/.
 * Loopback only, no compression (the browser figures are CPU and IndexedDB, not network). Started twice to get
 * two origins: the app's (its service worker owns every navigation) and a clean one for the micro benchmarks.
 * With `apiPort`, /api/* is forwarded untouched to the sync server on that port, so a page loaded through the
 * link proxy talks to the API on its own origin (no CORS), every byte crossing the simulated link.
 */
import { createServer, request, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer { origin: string; close(): Promise<void> }

function fileIn(root: string, urlPath: string): string | null {
  const path = resolve(root, '.' + normalize(decodeURIComponent(urlPath)));
  if (!path.startsWith(resolve(root))) return null;
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

function forward(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, port: number): void {
  const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
  req.pipe(upstream);
}

export async function startStaticServer(distDir: string, benchDir: string, apiPort?: number): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (apiPort && url.pathname.startsWith('/api/')) { forward(req, res, apiPort); return; }
      const bench = url.pathname.startsWith('/__bench/');
      let file = bench ? fileIn(benchDir, url.pathname.slice('/__bench'.length)) : fileIn(distDir, url.pathname);
      if (!file && !bench && !extname(url.pathname)) file = join(distDir, 'index.html');
      if (!file) { res.writeHead(404).end('not found'); return; }
      const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      res.writeHead(200, headers).end(readFileSync(file));
    } catch {
      res.writeHead(400).end('bad request');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
