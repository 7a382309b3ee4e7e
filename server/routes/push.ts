/** POST /api/v1/sync/push — a batch of mutations applied in one transaction, one result per mutation. */
import { Hono } from 'hono';
import { PUSH_BATCH_MAX_ITEMS, PUSH_BODY_MAX_BYTES } from '../../src/shared/limits';
import { Mutation, PUSH_RESULTS_COMPACT, PushRequest, type PushResponse } from '../../src/shared/protocol';
import type { AppEnv } from '../auth/device-auth';
import { pushTransaction, type Store } from '../db';
import { readJsonBody } from '../http/body';
import { jsonResponse } from '../http/compress';
import { ApiFailure, issuesText, zodIssues } from '../http/errors';
import { hashed } from '../sync/canonical';
import { collectRefs, planPush, type PushItem } from '../sync/push-plan';

export interface PushOptions { bodyMaxBytes?: number; now: () => number }

export function pushRoutes(store: Store, opts: PushOptions) {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    const caller = c.get('caller');
    const ticket = c.get('pushTicket');
    // 1. Parse: a bad body is a 400/413/415 with the reason; nothing has been written yet.
    const body = await readJsonBody(c, opts.bodyMaxBytes ?? PUSH_BODY_MAX_BYTES, { gzip: true });
    const list = (body as { mutations?: unknown } | null)?.mutations;
    if (Array.isArray(list) && list.length > PUSH_BATCH_MAX_ITEMS) {
      throw new ApiFailure('too_large', `Lô quá dài: ${list.length} mục, tối đa ${PUSH_BATCH_MAX_ITEMS} mục mỗi lô`);
    }
    const envelope = PushRequest.safeParse(body);
    if (!envelope.success) throw new ApiFailure('bad_request', 'Yêu cầu không hợp lệ', zodIssues(envelope.error));
    // 2. Validate each mutation: without a string id it cannot even be answered, so the whole batch is refused;
    //    otherwise an invalid mutation is "rejected" with its reason and the rest proceed.
    const items: PushItem[] = envelope.data.mutations.map((raw, index) => {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof raw !== 'object' || raw === null || typeof id !== 'string' || id.length === 0 || id.length > 100) {
        throw new ApiFailure('bad_request', `Mục số ${index + 1} thiếu mã thao tác (id)`, [{ path: `mutations.${index}.id`, message: 'Cần có id' }]);
      }
      const parsed = Mutation.safeParse(raw);
      return parsed.success
        ? { ok: true, mutation: parsed.data, ...hashed(parsed.data) }
        : { ok: false, id, reason: `Dữ liệu không hợp lệ: ${issuesText(parsed.error)}` };
    });
    // 3. One transaction: load, decide (scope, idempotency, LWW), write; 4. one result per mutation, in order.
    const nowMs = opts.now();
    const results = await pushTransaction(store, { communeId: caller.communeId, deviceId: caller.deviceId, memberId: caller.memberId, nowMs },
      collectRefs(items), (ctx) => planPush(ctx, caller, items, nowMs), ticket);
    const serverTime = new Date(nowMs).toISOString();
    // Compact (opt-in): 5,000 accepted visits are one number instead of 5,000 ids (≈300 KB) — see D-P2.
    const response: PushResponse = c.req.query('results') === PUSH_RESULTS_COMPACT
      ? compact(results, serverTime)
      : { results, serverTime };
    return jsonResponse(c, JSON.stringify(response));
  });
  return app;
}

function compact(results: PushResponse['results'], serverTime: string): PushResponse {
  const listed = results.filter((r) => r.status !== 'accepted' && r.status !== 'duplicate');
  return { results: listed, acknowledged: results.length - listed.length, serverTime };
}
