/**
 * HTTP for sync: one push or one pull request, classified into what the engine must do next.
 * Never trusts navigator.onLine: it tries, and a failure is just a classification.
 */
import type { SyncProblem } from './messages';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export type Outcome<T> =
  | { kind: 'ok'; body: T; bytes: number }
  /** Retry later (offline, timeout, 5xx, 429); `retryAfterMs` from the server when it said so. */
  | { kind: 'retry'; problem: SyncProblem; retryAfterMs?: number }
  /** 413: the batch must shrink. */
  | { kind: 'too_large'; message: string }
  /** 400 for the whole request (one bad item poisons a batch) or 415 (no gzip). */
  | { kind: 'bad'; status: number; message: string }
  /** 401/403: stop, the volunteer must act. */
  | { kind: 'fatal'; problem: SyncProblem; message: string };

/** gzip with CompressionStream when the platform has it (all current browsers and Node ≥ 18); else null. */
export async function gzip(text: string): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export interface RequestOptions {
  fetch: FetchFn;
  timeoutMs: number;
}

/** Sends one request with a timeout and classifies the answer. `parse` validates a 200 body. */
export async function request<T>(url: string, init: RequestInit, opts: RequestOptions, parse: (json: unknown) => T | undefined): Promise<Outcome<T>> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; abort.abort(); }, opts.timeoutMs);
  try {
    const res = await opts.fetch(url, { ...init, signal: abort.signal });
    if (res.ok) {
      const text = await res.text();
      let json: unknown;
      try { json = JSON.parse(text); } catch { return { kind: 'retry', problem: 'bad_response' }; }
      const body = parse(json);
      // Wire bytes: Content-Length is the compressed size when the server gzipped; else count the text.
      const bytes = Number(res.headers.get('content-length')) || new TextEncoder().encode(text).length;
      return body === undefined ? { kind: 'fatal', problem: 'bad_response', message: 'bad response' } : { kind: 'ok', body, bytes };
    }
    const message = await errorMessage(res);
    if (res.status === 413) return { kind: 'too_large', message };
    if (res.status === 401) return { kind: 'fatal', problem: 'unauthorized', message };
    if (res.status === 403) return { kind: 'fatal', problem: 'forbidden', message };
    if (res.status === 429) {
      const after = Number(res.headers.get('retry-after'));
      return { kind: 'retry', problem: 'rate_limited', ...(after > 0 ? { retryAfterMs: after * 1000 } : {}) };
    }
    if (res.status === 400 || res.status === 415) return { kind: 'bad', status: res.status, message };
    if (res.status === 408 || res.status === 504) return { kind: 'retry', problem: 'timeout' };
    return { kind: 'retry', problem: 'server' };
  } catch {
    // A cut connection mid-body and a refused connection look the same: the server may or may not have
    // committed. Retrying is safe because pushes are idempotent by mutation id.
    return { kind: 'retry', problem: timedOut ? 'timeout' : 'offline' };
  } finally {
    clearTimeout(timer);
  }
}
