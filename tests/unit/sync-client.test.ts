import { beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { FakeServer } from './sync-fake-server';
import { syncOnOpenAndReconnect, type PageEvents, type SyncResult } from '../../src/sync/client';
import { backoffDelayMs } from '../../src/sync/backoff';
import { services } from '../../src/worker/services';
import { syncInWorker } from '../../src/worker/bridge';
import { outboxCounts } from '../../src/data/index';
import { recordVisit, saveHousehold } from '../../src/data/edits';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS } from '../../src/shared/limits';

function fakeEvents() {
  const timers: { cb: () => void; ms: number }[] = [];
  let online: (() => void) | undefined;
  let visible: (() => void) | undefined;
  const events: PageEvents = {
    onOnline: (cb) => { online = cb; return () => { online = undefined; }; },
    onVisible: (cb) => { visible = cb; return () => { visible = undefined; }; },
    setTimer: (cb, ms) => { timers.push({ cb, ms }); return timers.length; },
    clearTimer: () => {},
  };
  return { events, timers, online: () => online?.(), visible: () => visible?.(), listening: () => online !== undefined };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('backoff', () => {
  it('grows exponentially with jitter between half and all of the step, capped', () => {
    expect(backoffDelayMs(1, 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelayMs(1, 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelayMs(3, 0.5)).toBe(BACKOFF_BASE_MS * 3);
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
      const d = backoffDelayMs(attempt, r);
      expect(d).toBeGreaterThanOrEqual(BACKOFF_BASE_MS / 2);
      expect(d).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      expect(backoffDelayMs(attempt + 1, r)).toBeGreaterThanOrEqual(d);
    }));
  });
});

describe('syncOnOpenAndReconnect', () => {
  it('syncs on open, backs off after failures, resets on "online", stops on unauthorized', async () => {
    const f = fakeEvents();
    const answers: SyncResult[] = [
      { ok: false, problem: 'offline' }, { ok: false, problem: 'offline' }, { ok: true }, { ok: false, problem: 'unauthorized' },
    ];
    const run = vi.fn(async () => answers.shift() ?? { ok: true });
    const stop = syncOnOpenAndReconnect({ run, random: () => 0, events: f.events });
    await flush();
    expect(run).toHaveBeenCalledTimes(1);
    expect(f.timers.map((t) => t.ms)).toEqual([500]);
    f.timers[0]!.cb();
    await flush();
    expect(f.timers.map((t) => t.ms)).toEqual([500, 1000]);
    f.online(); // connectivity is back: try at once
    await flush();
    expect(run).toHaveBeenCalledTimes(3);
    expect(f.timers).toHaveLength(2); // success: no new timer
    f.visible();
    await flush();
    expect(run).toHaveBeenCalledTimes(4); // unauthorized: no retry timer
    expect(f.timers).toHaveLength(2);
    stop();
    expect(f.listening()).toBe(false);
  });
});

describe('worker services', () => {
  beforeEach(freshDb);
  it('sync runs the engine on the shared database and reports progress', async () => {
    const { commune, hamlets } = await enrolled();
    const server = new FakeServer(commune.id);
    const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [] });
    await recordVisit({ householdId: id, kind: 'home', outcomes: [], notes: '', followUpOn: null });
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((url: string, init?: RequestInit) => server.fetch(url, init)) as typeof fetch;
    try {
      const phases: string[] = [];
      const result = await services.sync((p) => { phases.push(p.phase); });
      expect(result.ok).toBe(true);
      expect(phases).toContain('push');
      expect(phases.at(-1)).toBe('done');
      expect(server.visits.size).toBe(1);
      expect((await outboxCounts()).pending).toBe(0);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('without a usable worker the bridge runs the same sync on the page', async () => {
    const { commune, hamlets } = await enrolled();
    const server = new FakeServer(commune.id);
    const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [] });
    await recordVisit({ householdId: id, kind: 'phone', outcomes: [], notes: '', followUpOn: null });
    expect(typeof Worker).toBe('undefined'); // Node: no Worker, like a browser whose worker cannot start
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((url: string, init?: RequestInit) => server.fetch(url, init)) as typeof fetch;
    try {
      const result = await syncInWorker();
      expect(result.ok).toBe(true);
      expect(server.visits.size).toBe(1);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
