/**
 * A village link on loopback: a TCP proxy (127.0.0.1 only) in front of a local HTTP server that
 * - delays every byte by half the round-trip time in each direction,
 * - paces bytes through one shared uplink and one shared downlink (a phone has one radio link, so parallel
 *   requests share it), and
 * - charges each new connection its handshakes (TCP + TLS 1.3 = 2 RTT by default; a real deployment is HTTPS).
 * It counts what crosses the wire: HTTP request lines, headers and (compressed) bodies, in both directions, plus
 * requests and connections. TCP/IP/TLS framing (~3–5 %) is not counted, the same for every client measured.
 * It is bounded: it closes itself after `maxLifetimeMs` even if the caller forgets.
 */
import net from 'node:net';
import { HttpRequestCounter } from './http-counter';

export interface LinkProfile { name: string; rttMs: number; downBitsPerSec: number; upBitsPerSec: number; handshakeRtts: number }

/** Lighthouse's "slow 4G" preset as stated in the issue: 150 ms RTT, 1.6 Mbps down, 750 kbps up. */
export const SLOW_4G: LinkProfile = { name: 'slow-4G (150 ms RTT, 1.6 Mbps ↓, 750 kbps ↑)', rttMs: 150, downBitsPerSec: 1_600_000, upBitsPerSec: 750_000, handshakeRtts: 2 };

export interface LinkStats { bytesUp: number; bytesDown: number; requests: number; connections: number; countLost: boolean }

export interface LinkProxy { port: number; origin: string; stats(): LinkStats; reset(): void; close(): Promise<void> }

/** `data: null` carries a FIN in order behind the bytes before it. */
interface Pending { at: number; to: net.Socket; data: Buffer | null }

/** One direction of the link: FIFO, serialised at `bitsPerSec`, then delivered `delayMs` later. */
class Pipe {
  private nextFree = 0;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  queuedBytes = 0;
  private paused = new Set<net.Socket>();
  constructor(private bitsPerSec: number, private delayMs: number) {}

  send(from: net.Socket, to: net.Socket, data: Buffer | null, notBefore: number): void {
    const now = performance.now();
    const start = Math.max(now, this.nextFree, notBefore);
    this.nextFree = start + ((data?.length ?? 0) * 8 * 1000) / this.bitsPerSec;
    this.queue.push({ at: this.nextFree + this.delayMs, to, data });
    this.queuedBytes += data?.length ?? 0;
    // Back-pressure: do not buffer unbounded amounts in the proxy.
    if (this.queuedBytes > 1 << 20) { from.pause(); this.paused.add(from); }
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, this.queue[0]!.at - performance.now());
    this.timer = setTimeout(() => { this.timer = null; this.flush(); }, wait);
  }

  private flush(): void {
    const now = performance.now();
    while (this.queue.length && this.queue[0]!.at <= now + 0.5) {
      const p = this.queue.shift()!;
      this.queuedBytes -= p.data?.length ?? 0;
      if (p.to.destroyed) continue;
      if (p.data) p.to.write(p.data); else p.to.end();
    }
    if (this.queuedBytes < 1 << 19) { for (const s of this.paused) s.resume(); this.paused.clear(); }
    this.arm();
  }

  clear(): void { if (this.timer) clearTimeout(this.timer); this.timer = null; this.queue = []; this.queuedBytes = 0; }
}

export async function startLinkProxy(opts: { targetPort: number; profile?: LinkProfile; maxLifetimeMs?: number }): Promise<LinkProxy> {
  const profile = opts.profile ?? SLOW_4G;
  const up = new Pipe(profile.upBitsPerSec, profile.rttMs / 2);
  const down = new Pipe(profile.downBitsPerSec, profile.rttMs / 2);
  const sockets = new Set<net.Socket>();
  let stats: LinkStats = { bytesUp: 0, bytesDown: 0, requests: 0, connections: 0, countLost: false };

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    stats.connections++;
    const readyAt = performance.now() + profile.handshakeRtts * profile.rttMs;
    const upstream = net.connect({ host: '127.0.0.1', port: opts.targetPort, allowHalfOpen: true });
    const counter = new HttpRequestCounter();
    sockets.add(client); sockets.add(upstream);
    client.setNoDelay(true); upstream.setNoDelay(true);
    client.on('data', (d: Buffer) => {
      stats.bytesUp += d.length;
      const before = counter.requests;
      counter.push(d);
      stats.requests += counter.requests - before;
      if (counter.lost) stats.countLost = true;
      up.send(client, upstream, d, readyAt);
    });
    upstream.on('data', (d: Buffer) => { stats.bytesDown += d.length; down.send(upstream, client, d, 0); });
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    // A FIN travels the link behind the bytes sent before it; the socket is freed once both sides closed.
    client.on('end', () => up.send(client, upstream, null, readyAt));
    upstream.on('end', () => down.send(upstream, client, null, 0));
    client.on('close', end); upstream.on('close', end);
    client.on('error', end); upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(lifetime);
    up.clear(); down.clear();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const lifetime = setTimeout(() => { void close(); }, opts.maxLifetimeMs ?? 15 * 60_000);
  lifetime.unref();

  return {
    port, origin: `http://127.0.0.1:${port}`,
    stats: () => ({ ...stats }),
    reset: () => { stats = { bytesUp: 0, bytesDown: 0, requests: 0, connections: 0, countLost: false }; },
    close,
  };
}
