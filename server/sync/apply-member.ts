/**
 * member.put: the team roster. Commune leaders edit anyone in their commune; hamlet leaders edit members of their
 * own hamlets (never into a commune role); anyone may correct their own name and phone. Last arrival wins per
 * field (roster edits are rare and made by leaders, so no HLC flagging here).
 */
import type { Mutation } from '../../src/shared/protocol';
import { Member, MemberFields } from '../../src/shared/schema';
import { isCommuneRole, isLeader, mayGrant, type Caller } from './caller';
import type { PushContext, PushWrites } from './push-types';

const SELF_FIELDS = new Set(['name', 'phone']);

export function applyMemberPut(ctx: PushContext, w: PushWrites, c: Caller, m: Extract<Mutation, { type: 'member.put' }>): string | null {
  const stored = ctx.members.get(m.entityId);
  if (stored && stored.communeId !== c.communeId) return 'Ngoài phạm vi xã (out of scope)';
  const current = stored?.data ?? null;
  const fields = m.payload.fields;
  const self = m.entityId === c.memberId && Object.keys(fields).every((k) => SELF_FIELDS.has(k));
  if (!self) {
    if (!isLeader(c)) return 'Chỉ tổ trưởng, tổ phó sửa danh sách thành viên';
    if (current && !isCommuneRole(c) && !mayGrant(c, current.role, current.hamletIds)) return 'Ngoài phạm vi bản được giao (out of scope)';
  }
  if (!current && !MemberFields.safeParse(fields).success) return 'Thành viên mới cần đủ thông tin (thiếu trường bắt buộc)';
  const member = Member.parse({ ...(current ?? {}), ...fields, id: m.entityId, communeId: c.communeId });
  if (!self && !mayGrant(c, member.role, member.hamletIds)) return 'Không được giao vai trò hoặc bản này';
  ctx.members.set(member.id, { communeId: c.communeId, data: member });
  w.members.set(member.id, member);
  return null;
}
