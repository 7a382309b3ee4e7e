/**
 * Pull: pages of changes after the stored cursor, each applied (with the new cursor) in one transaction.
 * Changes are validated one by one: a change this app version cannot read (a field a newer version added) does not
 * block every later page; it is handed to the store as it came, which keeps it until a version that reads it.
 */
import { z } from 'zod';
import { Change } from '../shared/protocol';
import { PULL_PAGE_MAX_ITEMS } from '../shared/limits';
import { request } from './transport';
import { SYNC_TIMEOUT_MS, SyncStop, type SyncRun } from './run';
import type { Credentials, PulledPage } from './store';

const Envelope = z.object({ changes: z.array(z.unknown()), cursor: z.string(), hasMore: z.boolean(), serverTime: z.string() });

export function parsePullPage(json: unknown): PulledPage | undefined {
  const env = Envelope.safeParse(json);
  if (!env.success) return undefined;
  const unread: unknown[] = [];
  const changes = env.data.changes.flatMap((c) => {
    const r = Change.safeParse(c);
    if (!r.success) unread.push(c);
    return r.success ? [r.data] : [];
  });
  return unread.length ? { ...env.data, changes, unread } : { ...env.data, changes };
}

/** One page request after `cursor` (undefined = from the start). */
function fetchPage(run: SyncRun, creds: Credentials, cursor: string | undefined) {
  // The largest page the protocol allows (D-S1): right after a big push most pages only move the cursor past the
  // device's own visits (D-P1), and each page is a round trip; a page lost to a cut link is < 1 s at 1.6 Mbps.
  const query = new URLSearchParams({ limit: String(PULL_PAGE_MAX_ITEMS) });
  if (cursor) query.set('cursor', cursor);
  return request(`${creds.serverUrl}/api/v1/sync/pull?${query}`,
    { method: 'GET', headers: { authorization: `Bearer ${creds.token}`, accept: 'application/json' } },
    { fetch: run.deps.fetch, timeoutMs: run.deps.timeoutMs ?? SYNC_TIMEOUT_MS }, parsePullPage);
}

/**
 * Pages in order. The next page is requested while the current one is written to IndexedDB (its cursor is in the
 * response, not in the database); it is applied only after the current one, so the stored cursor still never runs
 * ahead of the data, and a prefetched page is simply dropped if anything fails.
 */
export async function pullAll(run: SyncRun, creds: Credentials): Promise<void> {
  const { store } = run.deps;
  let cursor = await store.cursor();
  let next = fetchPage(run, creds, cursor);
  for (;;) {
    const out = await next;
    switch (out.kind) {
      case 'ok': {
        // A server that says "more" without moving the cursor would loop forever.
        const more = out.body.hasMore && out.body.cursor !== cursor;
        if (more) {
          next = fetchPage(run, creds, out.body.cursor);
          next.catch(() => {}); // request() classifies failures; this only guards an abandoned prefetch
        }
        run.sawServerTime(out.body.serverTime);
        const applied = await store.applyPull(out.body, run.deps.now(), creds.token);
        run.succeeded();
        run.emit({ received: run.progress.received + out.body.changes.length, bytesReceived: run.progress.bytesReceived + out.bytes });
        if (applied === 'forgotten') return; // un-enrolled or enrolled again meanwhile: the store kept nothing, stop here
        if (applied === 'restart') {
          // The phone's own hamlets or role changed: pull again from the start, in this run.
          cursor = undefined;
          next = fetchPage(run, creds, cursor);
          break;
        }
        if (!more) return;
        cursor = out.body.cursor;
        break;
      }
      case 'retry':
        await run.backoff(out.problem, out.retryAfterMs);
        cursor = await store.cursor();
        next = fetchPage(run, creds, cursor);
        break;
      case 'fatal':
        throw new SyncStop(out.problem, out.message);
      case 'too_large':
      case 'bad':
        throw new SyncStop('bad_request', out.message);
    }
  }
}
