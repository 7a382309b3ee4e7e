/**
 * Decides a push batch: pure (no SQL, no clock), run inside the push transaction on state loaded in bulk.
 * Steps per mutation, in request order (later mutations see the effect of earlier ones in the same batch):
 *   1. id already stored (or earlier in this batch): same content → duplicate; other content → conflict.
 *   2. authorise against the stored hamlet of what it touches; apply (LWW for puts, append-only for visits).
 *   3. record the mutation id + content hash so a retry is recognised.
 */
import { HLC_MAX_DRIFT_MS, decodeHlc } from '../../src/shared/hlc';
import type { Mutation } from '../../src/shared/protocol';
import type { PushResult } from '../../src/shared/protocol';
import type { Caller } from './caller';
import type { PushContext, PushRefs, PushWrites } from './push-types';
import { emptyWrites } from './push-types';
import { applyMutation } from './apply';

export type PushItem =
  | { ok: true; mutation: Mutation; hash: string; /** JSON of the payload, from hashing (canonical.ts `hashed`). */ payloadJson?: string }
  | { ok: false; id: string; reason: string };

export function collectRefs(items: PushItem[]): PushRefs {
  const refs: PushRefs = { mutationIds: [], householdIds: [], visitHouseholdIds: [], personIds: [], visitIds: [], eventIds: [], reportIds: [], memberIds: [] };
  for (const item of items) {
    if (!item.ok) continue;
    const m = item.mutation;
    refs.mutationIds.push(m.id);
    switch (m.type) {
      case 'household.put': case 'household.delete': refs.householdIds.push(m.entityId); break;
      case 'person.put':
        refs.personIds.push(m.entityId);
        if (m.payload.fields.householdId) refs.householdIds.push(m.payload.fields.householdId);
        break;
      case 'person.delete': refs.personIds.push(m.entityId); break;
      case 'visit.create': refs.visitIds.push(m.entityId, m.payload.id); refs.visitHouseholdIds.push(m.payload.householdId); break;
      case 'event.create': refs.eventIds.push(m.payload.id); break;
      case 'report.submit': refs.reportIds.push(m.payload.id); break;
      case 'conflict.resolve': (m.payload.entity === 'household' ? refs.householdIds : refs.personIds).push(m.entityId); break;
      case 'member.put': refs.memberIds.push(m.entityId); break;
    }
  }
  return refs;
}

export function planPush(ctx: PushContext, caller: Caller, items: PushItem[], nowMs: number): { results: PushResult[]; writes: PushWrites } {
  const writes = emptyWrites();
  const results: PushResult[] = [];
  // Shared with later batches of the same group commit: an id accepted here is a duplicate there.
  const seen = ctx.mutationHashes;
  for (const item of items) {
    if (!item.ok) {
      results.push({ id: item.id, status: 'rejected', reason: item.reason });
      continue;
    }
    const { mutation: m, hash, payloadJson } = item;
    const stored = seen.get(m.id);
    if (stored !== undefined) {
      results.push(stored === hash
        ? { id: m.id, status: 'duplicate' }
        : { id: m.id, status: 'conflict', reason: 'Mã thao tác đã được dùng cho nội dung khác; bản đã lưu được giữ nguyên' });
      continue;
    }
    // A phone with a wrong date must not win every later edit: clocks far in the future are refused.
    if (decodeHlc(m.hlc).wallMs > nowMs + HLC_MAX_DRIFT_MS) {
      results.push({ id: m.id, status: 'rejected', reason: 'Ngày giờ trên điện thoại sai (quá xa trong tương lai). Hãy chỉnh lại ngày giờ rồi đồng bộ lại: mục này sẽ tự được gửi lại' });
      continue;
    }
    const rejection = applyMutation(ctx, writes, caller, m, payloadJson);
    if (rejection !== null) {
      results.push({ id: m.id, status: 'rejected', reason: rejection });
      continue;
    }
    seen.set(m.id, hash);
    writes.mutations.push({ id: m.id, type: m.type, entityId: m.entityId, contentHash: hash });
    results.push({ id: m.id, status: 'accepted' });
  }
  return { results, writes };
}
