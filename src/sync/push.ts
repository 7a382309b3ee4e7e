/**
 * Push: send the outbox oldest first in batches whose size adapts to the link — start at PUSH_BATCH_START_ITEMS,
 * halve on 413 or timeout, double after each success. Acknowledged items leave the outbox batch by batch, so a
 * reload or a cut connection resumes where it stopped; a batch sent twice comes back as "duplicate".
 *
 * Pipelined (decision D-S1): while a batch is on the wire the next one is read and gzipped, and once the link has
 * answered, two batches of visits may be in flight, so the server's time and the round trip of one overlap the
 * upload of the next. Each batch stays all-or-nothing on the server and is settled on its own verdicts; a batch
 * with anything but append-only records (visits, events, reports) is always sent alone. Any failure first settles
 * what is still in flight, then starts again from the oldest item still pending.
 */
import { PUSH_BATCH_MAX_ITEMS, PUSH_BATCH_START_ITEMS } from '../shared/limits';
import type { PushResponse } from '../shared/protocol';
import type { Outcome } from './transport';
import { prepareBatch, refuse, sendBatch, settle, verdicts, type Prepared } from './push-batch';
import { SyncStop, type SyncRun } from './run';
import type { Credentials } from './store';

/** At most this many push requests on the link at once: enough to hide one round trip and the server's time. */
export const PUSH_MAX_IN_FLIGHT = 2;

interface InFlight { p: Prepared; outcome: Promise<Outcome<PushResponse>> }

export async function pushAll(run: SyncRun, creds: Credentials): Promise<void> {
  let size = PUSH_BATCH_START_ITEMS;
  let useGzip = run.deps.compress ?? true;
  let depth = 1; // until the link has answered once in this run, one request at a time
  let after = 0; // last outbox seq handed to a request since the last restart
  let unsettled = 0; // items handed out and not yet written back (bounds a plain pendingBatch read)
  const flight: InFlight[] = [];
  let next: Promise<Prepared | null> | null = null;

  // The batch after those in flight is sized as if they succeed (each success doubles); a failure re-reads anyway.
  const prepare = () => {
    const limit = Math.min(PUSH_BATCH_MAX_ITEMS, size * 2 ** flight.length);
    const pr = prepareBatch(run, after, limit, useGzip, unsettled);
    pr.catch(() => {}); // a storage error surfaces where it is awaited, not as an unhandled rejection
    return pr;
  };

  /** Starts requests while there is room and the next batch may share the link; then prepares the one after. */
  const fill = async (): Promise<void> => {
    for (;;) {
      next ??= prepare();
      if (flight.length >= depth) return;
      const p = await next;
      if (!p) { next = null; return; }
      if (flight.length > 0 && !(p.independent && flight.every((f) => f.p.independent))) return;
      next = null;
      after = p.lastSeq;
      unsettled += p.batch.length;
      flight.push({ p, outcome: sendBatch(run, creds, p) });
    }
  };

  /** Waits for everything in flight (settling what succeeded), then reads again from the oldest pending item. */
  const restart = async () => {
    for (let f = flight.shift(); f; f = flight.shift()) {
      const out = await f.outcome;
      if (out.kind === 'ok') { await settle(run, f.p, out.body, out.bytes); run.succeeded(); }
    }
    next = null;
    after = 0;
    unsettled = 0;
  };

  for (;;) {
    await fill();
    const head = flight.shift();
    if (!head) return; // nothing in flight and nothing left to read
    const out = await head.outcome;
    const { batch } = head.p;
    switch (out.kind) {
      case 'ok': {
        const answered = verdicts(batch, out.body).length;
        if (answered === 0) { await restart(); throw new SyncStop('bad_response', 'no result matched the batch'); }
        run.succeeded();
        size = Math.min(PUSH_BATCH_MAX_ITEMS, size * 2);
        depth = PUSH_MAX_IN_FLIGHT;
        const written = settle(run, head.p, out.body, out.bytes);
        written.catch(() => {});
        await fill(); // the next batch goes on the wire before this one's outbox write
        await written;
        unsettled -= batch.length;
        if (answered < batch.length) await restart(); // unanswered items are still pending: send them again
        break;
      }
      case 'too_large':
        await restart();
        if (batch.length > 1) size = Math.max(1, Math.floor(batch.length / 2));
        else await refuse(run, batch[0]!, `Quá lớn, máy chủ không nhận (${out.message})`);
        break;
      case 'bad':
        await restart();
        if (out.status === 415 && useGzip) useGzip = false; // a server without gzip support: send plain JSON
        else if (batch.length > 1) size = Math.max(1, Math.floor(batch.length / 2)); // isolate the bad item
        else await refuse(run, batch[0]!, out.message);
        break;
      case 'retry':
        await restart();
        depth = 1; // a flaky link: risk one batch at a time again
        if (out.problem === 'timeout') size = Math.max(1, Math.floor(batch.length / 2));
        await run.backoff(out.problem, out.retryAfterMs);
        break;
      case 'fatal':
        throw new SyncStop(out.problem, out.message);
    }
  }
}
