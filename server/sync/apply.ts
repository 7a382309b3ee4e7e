/**
 * Applies one validated mutation to the working state of a push (ctx) and records what to write (writes).
 * Returns null when applied, or the reason it was rejected — in which case nothing was changed.
 * Households and persons merge field by field (LWW by HLC, src/shared/merge.ts); visits, events and reports are
 * append-only facts; a household removal is a tombstone that erases its persons and visits.
 */
import { applyPut, resolveConflict, type LwwState } from '../../src/shared/merge';
import type { Mutation } from '../../src/shared/protocol';
import { Household, HouseholdFields, Person, PersonFields } from '../../src/shared/schema';
import { canonicalJson } from './canonical';
import { inScope, isCommuneRole, isLeader, type Caller } from './caller';
import type { PushContext, PushWrites } from './push-types';
import { applyMemberPut } from './apply-member';

type Rejection = string | null;
type Of<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

const OUT_OF_SCOPE = 'Ngoài phạm vi bản được giao (out of scope)';
const NO_HOUSEHOLD = 'Không tìm thấy hộ này trên máy chủ';
const HOUSEHOLD_REMOVED = 'Hộ này đã được xóa theo yêu cầu';

function split<T extends { id: string; hlc: Record<string, string>; conflicts: LwwState<object>['conflicts'] }>(entity: T, drop: string[]): LwwState<Record<string, unknown>> {
  const { id, hlc, conflicts, ...rest } = entity as Record<string, unknown> & T;
  for (const key of drop) delete (rest as Record<string, unknown>)[key];
  return { id, hlc, conflicts, fields: rest };
}

function householdPut(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'household.put'>): Rejection {
  const stored = ctx.households.get(m.entityId);
  if (stored && stored.communeId !== c.communeId) return OUT_OF_SCOPE;
  if (stored?.removed) return HOUSEHOLD_REMOVED;
  const current = stored?.data ?? null;
  if (current && !inScope(c, current.hamletId)) return OUT_OF_SCOPE;
  if (m.payload.fields.hamletId !== undefined && !inScope(c, m.payload.fields.hamletId)) return OUT_OF_SCOPE;
  if (!current && !HouseholdFields.safeParse(m.payload.fields).success) return 'Hộ mới cần đủ thông tin (thiếu trường bắt buộc)';
  const state = current ? split(current, ['communeId']) : { id: m.entityId, hlc: {}, conflicts: [], fields: {} };
  const { next } = applyPut(state, { fields: m.payload.fields, base: m.payload.base, hlc: m.hlc });
  const household = Household.parse({ ...next.fields, id: next.id, communeId: c.communeId, hlc: next.hlc, conflicts: next.conflicts });
  const previous = w.households.get(m.entityId)?.prevHamletId ?? null;
  const moved = current !== null && current.hamletId !== household.hamletId;
  if (moved) w.movedHouseholds.set(household.id, household.hamletId);
  ctx.households.set(household.id, { communeId: c.communeId, hamletId: household.hamletId, removed: false, data: household });
  w.households.set(household.id, { hamletId: household.hamletId, prevHamletId: moved ? current.hamletId : previous, data: household });
  return null;
}

function householdDelete(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'household.delete'>): Rejection {
  const stored = ctx.households.get(m.entityId);
  if (!stored) return NO_HOUSEHOLD;
  if (stored.communeId !== c.communeId || !inScope(c, stored.hamletId)) return OUT_OF_SCOPE;
  if (stored.removed) return null; // already removed: another device asked too
  ctx.households.set(m.entityId, { communeId: stored.communeId, hamletId: stored.hamletId, removed: true, data: null });
  w.households.set(m.entityId, { hamletId: stored.hamletId!, prevHamletId: w.households.get(m.entityId)?.prevHamletId ?? null, data: null });
  w.erasedHouseholds.add(m.entityId);
  for (const [id, p] of ctx.persons) if (p.householdId === m.entityId && p.data) ctx.persons.set(id, { ...p, data: null });
  for (const [id, p] of w.persons) if (p.householdId === m.entityId) w.persons.set(id, { ...p, data: null });
  w.visits = w.visits.filter((v) => v.visit.householdId !== m.entityId);
  return null;
}

/** The household a person hangs on, checked for existence, removal and scope. */
function liveHousehold(ctx: PushContext, c: Caller, householdId: string): { hamletId: string } | string {
  const h = ctx.households.get(householdId);
  if (!h) return NO_HOUSEHOLD;
  if (h.communeId !== c.communeId || !inScope(c, h.hamletId)) return OUT_OF_SCOPE;
  if (h.removed) return HOUSEHOLD_REMOVED;
  return { hamletId: h.hamletId! };
}

function personPut(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'person.put'>): Rejection {
  const stored = ctx.persons.get(m.entityId);
  if (stored && stored.communeId !== c.communeId) return OUT_OF_SCOPE;
  if (stored && stored.data === null) return 'Người này đã bị xóa';
  const current = stored?.data ?? null;
  if (current) {
    const home = liveHousehold(ctx, c, current.householdId);
    if (typeof home === 'string') return home;
  } else if (!PersonFields.safeParse(m.payload.fields).success) return 'Thành viên mới cần đủ thông tin (thiếu trường bắt buộc)';
  const state = current ? split(current, []) : { id: m.entityId, hlc: {}, conflicts: [], fields: {} };
  const { next } = applyPut(state, { fields: m.payload.fields, base: m.payload.base, hlc: m.hlc });
  const person = Person.parse({ ...next.fields, id: next.id, hlc: next.hlc, conflicts: next.conflicts });
  const home = liveHousehold(ctx, c, person.householdId);
  if (typeof home === 'string') return home;
  ctx.persons.set(person.id, { communeId: c.communeId, householdId: person.householdId, data: person });
  w.persons.set(person.id, { householdId: person.householdId, hamletId: home.hamletId, data: person });
  return null;
}

function personDelete(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'person.delete'>): Rejection {
  const stored = ctx.persons.get(m.entityId);
  if (!stored) return 'Không tìm thấy người này trên máy chủ';
  if (stored.communeId !== c.communeId) return OUT_OF_SCOPE;
  const home = ctx.households.get(stored.householdId);
  if (!home || !inScope(c, home.hamletId)) return OUT_OF_SCOPE;
  if (stored.data === null) return null;
  ctx.persons.set(m.entityId, { ...stored, data: null });
  w.persons.set(m.entityId, { householdId: stored.householdId, hamletId: home.hamletId!, data: null });
  return null;
}

function visitCreate(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'visit.create'>, payloadJson?: string): Rejection {
  const v = m.payload;
  if (v.id !== m.entityId) return 'entityId phải trùng mã lượt thăm';
  if (v.memberId !== c.memberId) return 'Lượt thăm phải do chính người dùng thiết bị này ghi';
  const home = liveHousehold(ctx, c, v.householdId);
  if (typeof home === 'string') return home;
  // A household may have moved hamlet since the device last synced: the visit follows the household.
  const visit = { ...v, hamletId: home.hamletId };
  const stored = ctx.visits.get(v.id);
  if (stored) {
    // The same visit under another mutation id (e.g. re-queued after a reinstall): fine if identical.
    const same = stored.data !== null && canonicalJson(JSON.parse(stored.data)) === canonicalJson(visit);
    return same ? null : 'Lượt thăm này đã có với nội dung khác; lượt thăm không sửa được';
  }
  // The payload's JSON from hashing is this visit's JSON while the household has not moved (same keys, same order).
  const json = payloadJson !== undefined && visit.hamletId === v.hamletId ? payloadJson : JSON.stringify(visit);
  ctx.visits.set(v.id, { communeId: c.communeId, data: json });
  w.visits.push({ visit, json, adjusted: visit.hamletId !== v.hamletId });
  return null;
}

function eventCreate(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'event.create'>): Rejection {
  const e = m.payload;
  if (e.id !== m.entityId) return 'entityId phải trùng mã sự kiện';
  if (e.communeId !== c.communeId || e.memberId !== c.memberId) return OUT_OF_SCOPE;
  if ((!isCommuneRole(c) && e.hamletIds.length === 0) || !e.hamletIds.every((h) => inScope(c, h))) return OUT_OF_SCOPE;
  if (ctx.events.has(e.id)) return 'Sự kiện này đã được ghi';
  ctx.events.add(e.id);
  w.events.push(e);
  return null;
}

function reportSubmit(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'report.submit'>): Rejection {
  const r = m.payload;
  if (r.id !== m.entityId) return 'entityId phải trùng mã báo cáo';
  if (!isLeader(c)) return 'Chỉ tổ trưởng, tổ phó nộp báo cáo';
  if (r.communeId !== c.communeId || r.submittedBy !== c.memberId) return OUT_OF_SCOPE;
  if (r.hamletId === null ? !isCommuneRole(c) : !inScope(c, r.hamletId)) return OUT_OF_SCOPE;
  if (ctx.reports.has(r.id)) return 'Báo cáo này đã được nộp; nộp lại sẽ tạo báo cáo mới';
  ctx.reports.add(r.id);
  w.reports.push(r);
  return null;
}

function conflictResolve(ctx: PushContext, w: PushWrites, c: Caller, m: Of<'conflict.resolve'>): Rejection {
  if (!isLeader(c)) return 'Chỉ tổ trưởng, tổ phó xử lý chỉnh sửa trùng';
  if (m.payload.entity === 'household') {
    const stored = ctx.households.get(m.entityId);
    if (!stored?.data) return NO_HOUSEHOLD;
    if (stored.communeId !== c.communeId || !inScope(c, stored.hamletId)) return OUT_OF_SCOPE;
    const data = { ...stored.data, conflicts: stored.data.conflicts.filter((x) => x.field !== m.payload.field) };
    ctx.households.set(m.entityId, { ...stored, data });
    w.households.set(m.entityId, { hamletId: data.hamletId, prevHamletId: w.households.get(m.entityId)?.prevHamletId ?? null, data });
    return null;
  }
  const stored = ctx.persons.get(m.entityId);
  if (!stored?.data) return 'Không tìm thấy người này trên máy chủ';
  const home = liveHousehold(ctx, c, stored.householdId);
  if (typeof home === 'string') return home;
  const data = resolveConflict(split(stored.data, []), m.payload.field);
  const person = { ...stored.data, conflicts: data.conflicts };
  ctx.persons.set(m.entityId, { ...stored, data: person });
  w.persons.set(m.entityId, { householdId: stored.householdId, hamletId: home.hamletId, data: person });
  return null;
}

export function applyMutation(ctx: PushContext, w: PushWrites, c: Caller, m: Mutation, payloadJson?: string): Rejection {
  switch (m.type) {
    case 'household.put': return householdPut(ctx, w, c, m);
    case 'household.delete': return householdDelete(ctx, w, c, m);
    case 'person.put': return personPut(ctx, w, c, m);
    case 'person.delete': return personDelete(ctx, w, c, m);
    case 'visit.create': return visitCreate(ctx, w, c, m, payloadJson);
    case 'event.create': return eventCreate(ctx, w, c, m);
    case 'report.submit': return reportSubmit(ctx, w, c, m);
    case 'conflict.resolve': return conflictResolve(ctx, w, c, m);
    case 'member.put': return applyMemberPut(ctx, w, c, m);
  }
}
