/**
 * A TCP proxy in front of the test server that cuts the connection at a chosen moment:
 *   before — the request never reaches the server;
 *   during — the server gets the headers and part of the body, then the connection drops;
 *   after  — the server gets the whole request and answers, but the answer never reaches the client.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { request } from 'node:http';

export type CutMode = 'pass' | 'before' | 'during' | 'after';

export interface CutProxy { port: number; mode: CutMode; close(): Promise<void> }

export async function startCutProxy(upstreamPort: number): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  const proxy: CutProxy = { port: 0, mode: 'pass', close: async () => {} };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    client.on('close', () => sockets.delete(client));
    const mode = proxy.mode;
    if (mode === 'before') { client.destroy(); return; }
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => { sockets.delete(upstream); client.destroy(); });
    client.on('close', () => upstream.destroy());
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      if (mode === 'during') {
        // Forward the headers and about half of what follows, then drop both ends.
        const budget = Math.max(0, 2048 - sent);
        if (budget > 0) upstream.write(chunk.subarray(0, Math.min(chunk.length, budget)));
        sent += chunk.length;
        if (sent >= 2048) setTimeout(() => { upstream.destroy(); client.destroy(); }, 50);
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (mode === 'after') { client.destroy(); upstream.destroy(); return; }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.port = (server.address() as { port: number }).port;
  proxy.close = () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); });
  return proxy;
}

/** One POST on a fresh connection (no keep-alive), so each request meets the proxy's current mode. */
export function postOnce(port: number, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
