/**
 * Push jobs queued straight into the group commit (server/db/group-commit.ts), for tests that need several devices'
 * batches in one group: each job is what the push route builds from a request, and `inOneGroup` announces them all
 * before queueing, so they surely share one group (as concurrent pushes still arriving would).
 */
import { Mutation, type PushResult } from '../../src/shared/protocol';
import type { Store } from '../../server/db';
import { announcePush, enqueuePush, type PushJob } from '../../server/db/group-commit';
import { contentHash } from '../../server/sync/canonical';
import type { Caller } from '../../server/sync/caller';
import { collectRefs, planPush, type PushItem } from '../../server/sync/push-plan';
import type { Device } from './harness';

type Plan = ReturnType<typeof planPush>;

export const callerOf = (d: Device): Caller => ({ deviceId: d.deviceId, memberId: d.member.id, communeId: d.member.communeId, role: d.member.role, hamletIds: d.member.hamletIds });

/** One device's batch of raw mutations; `alter` may change the plan before it is written (to make rows fail). */
export function pushJob(d: Device, raw: unknown[], alter?: (planned: Plan) => void): PushJob<PushResult[]> {
  const items: PushItem[] = raw.map((r) => {
    const mutation = Mutation.parse(r);
    return { ok: true, mutation, hash: contentHash(mutation) };
  });
  const caller = callerOf(d);
  const nowMs = Date.now();
  return {
    meta: { communeId: caller.communeId, deviceId: caller.deviceId, memberId: caller.memberId, nowMs },
    refs: collectRefs(items),
    decide: (ctx) => {
      const planned = planPush(ctx, caller, items, nowMs);
      alter?.(planned);
      return planned;
    },
  };
}

/** Queues the jobs so that they are committed as one group; one promise per job. */
export function inOneGroup<R>(store: Store, jobs: PushJob<R>[]): Promise<R>[] {
  const tickets = jobs.map(() => announcePush(store));
  return jobs.map((j, i) => enqueuePush(store, j, tickets[i]));
}
