/**
 * Live queries for the UI without exposing Dexie: the callback runs now and again whenever a table the query
 * read changes — in this tab, another tab or the sync worker.
 */
import { liveQuery } from 'dexie';
import { outboxCounts, type OutboxCounts } from './outbox';

export type Unsubscribe = () => void;

export function observe<T>(query: () => Promise<T>, cb: (value: T) => void, onError?: (e: unknown) => void): Unsubscribe {
  const sub = liveQuery(query).subscribe({
    next: cb,
    error: (e) => (onError ? onError(e) : console.error('observe', e)),
  });
  return () => sub.unsubscribe();
}

export function observeOutboxCount(cb: (counts: OutboxCounts) => void): Unsubscribe {
  return observe(outboxCounts, cb);
}
