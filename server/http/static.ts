/**
 * Serves the built app (dist/) with an SPA fallback: a path without a file extension gets index.html (client-side
 * routes work after a reload), but a missing file with an extension — e.g. an old hashed chunk after an update — is a
 * real 404, never index.html (that would be parsed as JavaScript and break the page). /api is never served here.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

/** Strict CSP: only our own origin; inline styles for component style attributes; blob: for the QR camera. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "worker-src 'self' blob:", "media-src 'self' blob:", "manifest-src 'self'", "font-src 'self'",
  "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm', '.map': 'application/json',
};

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  const full = resolve(root, `.${normalize(decoded)}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  const info = await stat(full).catch(() => null);
  if (info?.isFile()) return full;
  if (info?.isDirectory()) return fileAt(root, join(urlPath, 'index.html'));
  return null;
}

export function staticSite(dir: string) {
  const root = resolve(dir);
  return async (c: Context): Promise<Response> => {
    const path = c.req.path;
    let file = await fileAt(root, path);
    if (!file && extname(path) === '') file = await fileAt(root, '/index.html');
    if (!file) return c.text('Không tìm thấy (404)', 404, { 'content-type': 'text/plain; charset=utf-8' });
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
    // Hashed build assets never change; everything else (index.html, sw.js, manifest) must be revalidated.
    headers['cache-control'] = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      headers['referrer-policy'] = 'no-referrer';
    }
    return c.body(await readFile(file), 200, headers);
  };
}
