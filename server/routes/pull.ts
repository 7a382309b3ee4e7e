/**
 * GET /api/v1/sync/pull?cursor=…&limit=… — changes in the caller's scope after the cursor, one bounded page.
 * The JSON is assembled from the stored JSON text (no parse/re-serialise per row) and gzipped when accepted.
 */
import { Hono } from 'hono';
import { PULL_PAGE_DEFAULT_ITEMS, PULL_PAGE_MAX_ITEMS } from '../../src/shared/limits';
import type { AppEnv } from '../auth/device-auth';
import { pullRows, type Store } from '../db';
import { jsonResponse } from '../http/compress';
import { ApiFailure } from '../http/errors';
import { pullScope } from '../sync/caller';
import { decodeCursor, encodeCursor } from '../sync/cursor';

export function pullRoutes(store: Store, now: () => number) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const caller = c.get('caller');
    const after = decodeCursor(c.req.query('cursor'));
    if (!after) throw new ApiFailure('bad_request', 'Con trỏ đồng bộ (cursor) không hợp lệ', [{ path: 'cursor', message: 'Không phải con trỏ do máy chủ cấp' }]);
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? PULL_PAGE_DEFAULT_ITEMS : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > PULL_PAGE_MAX_ITEMS) {
      throw new ApiFailure('bad_request', `limit phải là số nguyên từ 1 đến ${PULL_PAGE_MAX_ITEMS}`, [{ path: 'limit', message: 'Ngoài khoảng cho phép' }]);
    }
    // The caller's own visits/events/reports are left out (it has them), but the cursor still moves past them.
    const { rows, hasMore, last } = await pullRows(store, caller.communeId, pullScope(caller), after, limit, caller.deviceId);
    const cursor = last ? encodeCursor({ seq: last.seq, table: last.table, id: last.id }) : encodeCursor(after);
    const changes = rows.map((r) => `{"entity":"${r.entity}","id":"${r.id}","data":${r.data ?? 'null'}}`).join(',');
    const json = `{"changes":[${changes}],"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore},"serverTime":"${new Date(now()).toISOString()}"}`;
    return jsonResponse(c, json);
  });
  return app;
}
