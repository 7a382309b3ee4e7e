/**
 * The team roster: members, roles, join/leave dates and approval status. Edits are `member.put` mutations with
 * only the changed fields; the row and its outbox entry commit in one strict transaction. Joining and leaving need
 * the commune chair's approval, so a new member starts as "proposed" and a leaving one as "leaving".
 */
import { db } from './db';
import { nextHlc } from './meta';
import { outboxRow } from './outbox';
import { validation, ValidationError, type FieldIssue } from './validation';
import { currentWriter, demoFlag, withoutDemo } from './events';
import type { Member, MemberFields } from '../shared/schema';

type MemberFieldName = keyof typeof MemberFields.shape;
import { uuidv7 } from '../shared/ids';
import { compareViNames } from '../shared/text';


const ROLE_ORDER: Member['role'][] = ['commune_leader', 'commune_deputy', 'hamlet_leader', 'hamlet_deputy', 'member', 'collaborator', 'admin'];

/** Members on this device, leaders first, then by given name the Vietnamese way. */
export async function listMembers(): Promise<Member[]> {
  const rows = (await db.members.toArray()).map(withoutDemo);
  return rows.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || compareViNames(a.name, b.name));
}

/**
 * Adds a member (no id) or changes some fields of one. Only fields that differ are sent, so two leaders editing
 * different fields of the same member offline do not overwrite each other.
 */
export async function saveMember(input: { id?: string; fields: Partial<Record<MemberFieldName, unknown>> }, now: number = Date.now()): Promise<Member> {
  // Schemas load on first use; never await a foreign promise inside a Dexie transaction (it would commit early).
  const { schema, parseInto } = await validation();
  return db.transaction('rw', [db.members, db.outbox, db.meta], async () => {
    const writer = await currentWriter();
    const existing = input.id ? await db.members.get(input.id) : undefined;
    if (input.id && !existing) throw new ValidationError([{ path: 'id', message: 'Không tìm thấy thành viên này trên máy' }]);
    const base = existing ? withoutDemo(existing) : {
      id: uuidv7(now), communeId: writer.communeId, name: '', role: 'member' as const, hamletIds: [], phone: null,
      joinedOn: null, leftOn: null, status: 'proposed' as const,
    };
    const issues: FieldIssue[] = [];
    const member: Member | undefined = parseInto(schema.Member, { ...base, ...input.fields, id: base.id, communeId: base.communeId }, '', issues);
    if (!member) throw new ValidationError(issues);
    if (member.leftOn && member.joinedOn && member.leftOn < member.joinedOn) {
      throw new ValidationError([{ path: 'leftOn', message: 'Ngày rời tổ phải sau ngày vào tổ' }]);
    }
    const changed = Object.fromEntries(Object.keys(schema.MemberFields.shape)
      .filter((k) => !existing || JSON.stringify(member[k as keyof Member]) !== JSON.stringify(existing[k as keyof Member]))
      .map((k) => [k, member[k as keyof Member]]));
    if (existing && Object.keys(changed).length === 0) return member;
    const hlc = await nextHlc(now);
    await db.members.put({ ...member, ...demoFlag(existing ? existing.demo === 1 : writer.demo) });
    const demo = existing ? existing.demo === 1 : writer.demo;
    await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'member.put', entityId: member.id, hlc, payload: { fields: changed } }, null, demo, now));
    return member;
  });
}

/** Approval steps, each a member.put: approve joining (sets the join date), ask to leave, approve leaving. */
export function setMemberStatus(id: string, status: Member['status'], on: string, now: number = Date.now()): Promise<Member> {
  const fields: Partial<Record<MemberFieldName, unknown>> = { status };
  if (status === 'approved') fields.joinedOn = on;
  if (status === 'left') fields.leftOn = on;
  return saveMember({ id, fields }, now);
}
