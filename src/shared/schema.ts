/**
 * Entity schemas shared by client, worker and server. Wire objects are strict: an unknown field is a 400, not
 * silently dropped. Never add a field from the "never store" list (ID numbers, bank/card numbers, passwords, OTPs,
 * document photos, GPS, ethnicity, health details).
 */
import { z } from 'zod';
import { UUID_PATTERN } from './ids';
import { HLC_PATTERN } from './hlc';
import { OUTCOMES } from './catalogue';
import { NOTE_MAX_CHARS, VISIT_MAX_OUTCOMES } from './limits';
import { cleanText } from './text';

export const Id = z.string().regex(UUID_PATTERN, 'Mã định danh không hợp lệ (UUID)');
export const HlcText = z.string().regex(HLC_PATTERN, 'Đồng hồ HLC không hợp lệ');
// Year 0000 is a valid ISO string but not a date PostgreSQL (or any calendar we report on) accepts.
const notYearZero = (s: string) => !s.startsWith('0000');
export const IsoDate = z.iso.date().refine(notYearZero, 'Năm không hợp lệ');
// At most milliseconds: PostgreSQL keeps microseconds and rounds them, where SQLite and the phones' Date truncate, so
// a visit at …59.9996Z on a month's last second would fall in the next month on PostgreSQL only.
const atMostMs = (s: string) => !/\.\d{4}/.test(s);
export const IsoDateTime = z.iso.datetime({ offset: true }).refine(notYearZero, 'Năm không hợp lệ')
  .refine(atMostMs, 'Thời điểm chỉ ghi đến phần nghìn giây');
const name = (max: number) => z.string().transform(cleanText).pipe(z.string().min(1, 'Không được để trống').max(max, `Tối đa ${max} ký tự`));
const text = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max, `Tối đa ${max} ký tự`));

export const ROLES = ['commune_leader', 'commune_deputy', 'hamlet_leader', 'hamlet_deputy', 'member', 'collaborator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
export const LEADER_ROLES: readonly Role[] = ['commune_leader', 'commune_deputy', 'hamlet_leader', 'hamlet_deputy', 'admin'];
export const COMMUNE_ROLES: readonly Role[] = ['commune_leader', 'commune_deputy', 'admin'];

export const Commune = z.strictObject({
  id: Id, code: z.string().regex(/^\d{5}$/).nullable(), name: name(80), province: name(80), demo: z.boolean(),
});
export type Commune = z.infer<typeof Commune>;

export const Hamlet = z.strictObject({
  id: Id, communeId: Id, name: name(80), formerNames: z.array(name(80)).max(10), order: z.number().int().min(0),
});
export type Hamlet = z.infer<typeof Hamlet>;

export const MemberFields = z.strictObject({
  name: name(80),
  role: Role,
  /** Hamlets the member works in; empty for commune-level roles (they see every hamlet of the commune). */
  hamletIds: z.array(Id).max(50),
  phone: z.string().regex(/^\+?\d{8,15}$/, 'Số điện thoại 8–15 chữ số').nullable(),
  joinedOn: IsoDate.nullable(),
  leftOn: IsoDate.nullable(),
  status: z.enum(['proposed', 'approved', 'leaving', 'left']),
});
export const Member = MemberFields.extend({ id: Id, communeId: Id });
export type Member = z.infer<typeof Member>;

export const Priority = z.strictObject({
  elderly: z.boolean(), vulnerable: z.boolean(), poor: z.boolean(), remote: z.boolean(), noSmartphone: z.boolean(),
});
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_KEYS = ['elderly', 'vulnerable', 'poor', 'remote', 'noSmartphone'] as const;
export const NO_PRIORITY: Priority = { elderly: false, vulnerable: false, poor: false, remote: false, noSmartphone: false };

/** Consent to keep the household's data for the purpose of digital-skills support; each change is a new put (kept as history). */
export const Consent = z.strictObject({ given: z.boolean(), on: IsoDate, by: name(80) });
export type Consent = z.infer<typeof Consent>;

export const HouseholdFields = z.strictObject({
  hamletId: Id,
  label: name(80),
  houseNo: text(40),
  alley: text(120),
  phone: z.string().transform((s) => s.replace(/[\s.-]/g, '')).pipe(z.string().regex(/^(\+?\d{8,15})?$/, 'Số điện thoại 8–15 chữ số')),
  priority: Priority,
  producer: z.boolean(),
  consent: Consent.nullable(),
  note: text(500),
});
export type HouseholdFields = z.infer<typeof HouseholdFields>;
export type HouseholdField = keyof HouseholdFields;
export const HOUSEHOLD_FIELDS = Object.keys(HouseholdFields.shape) as HouseholdField[];

export const PersonFields = z.strictObject({
  householdId: Id,
  firstName: name(40),
  birthYear: z.number().int().min(1900, 'Năm sinh: 4 chữ số từ 1900, ví dụ 1958').max(2100, 'Năm sinh: 4 chữ số từ 1900, ví dụ 1958').nullable(),
  hasSmartphone: z.boolean(),
  /** Optional sort key where "given name = last word" fails (some ethnic-minority names). */
  sortName: text(40),
});
export type PersonFields = z.infer<typeof PersonFields>;
export type PersonField = keyof PersonFields;
export const PERSON_FIELDS = Object.keys(PersonFields.shape) as PersonField[];

/** Two devices changed the same field concurrently: the winner is kept, the loser is shown to the leader. */
export const FieldConflict = z.strictObject({
  field: z.string(), kept: z.unknown(), keptHlc: HlcText, lost: z.unknown(), lostHlc: HlcText,
});
export type FieldConflict = z.infer<typeof FieldConflict>;

/** Synced state of an LWW entity: its fields, the HLC that wrote each field, and open conflicts. */
const lwwState = <F extends z.ZodRawShape>(fields: z.ZodObject<F>) =>
  fields.extend({ id: Id, hlc: z.record(z.string(), HlcText), conflicts: z.array(FieldConflict) });
export const Household = lwwState(HouseholdFields).extend({ communeId: Id });
export type Household = z.infer<typeof Household>;
export const Person = lwwState(PersonFields);
export type Person = z.infer<typeof Person>;

export const VISIT_KINDS = ['home', 'group_session', 'phone', 'zalo'] as const;
export const ItemKey = z.string().regex(/^[a-z0-9_]{1,40}$/, 'Mục không hợp lệ');
export const VisitOutcome = z.strictObject({
  item: ItemKey,
  /** null for household-scope items. */
  personId: Id.nullable(),
  outcome: z.enum(OUTCOMES),
  details: z.array(z.string().regex(/^[a-z0-9_]{1,40}$/)).max(10),
  other: text(80),
});
export type VisitOutcome = z.infer<typeof VisitOutcome>;

export const Visit = z.strictObject({
  id: Id,
  householdId: Id,
  hamletId: Id,
  memberId: Id,
  at: IsoDateTime,
  kind: z.enum(VISIT_KINDS),
  outcomes: z.array(VisitOutcome).max(VISIT_MAX_OUTCOMES),
  notes: text(NOTE_MAX_CHARS),
  followUpOn: IsoDate.nullable(),
  catalogueVersion: z.number().int().min(1),
  /** A correction of an earlier visit; visits themselves are never edited. */
  amends: Id.nullable(),
}).refine((v) => v.followUpOn !== null || !v.outcomes.some((o) => o.outcome === 'needs_help'), {
  path: ['followUpOn'], message: 'Cần chọn ngày hẹn quay lại khi có mục "Cần hỗ trợ thêm"',
});
export type Visit = z.infer<typeof Visit>;

export const EVENT_KINDS = ['digital_day', 'group_session'] as const;
export const TeamEvent = z.strictObject({
  id: Id, communeId: Id, hamletIds: z.array(Id).max(50), kind: z.enum(EVENT_KINDS), on: IsoDate,
  place: name(120), topic: name(200), items: z.array(ItemKey).max(50), attendance: z.number().int().min(0).max(100_000),
  notes: text(NOTE_MAX_CHARS), memberId: Id,
});
export type TeamEvent = z.infer<typeof TeamEvent>;

export const ReportPeriod = z.strictObject({
  kind: z.enum(['month', 'quarter', 'custom']), from: IsoDate, to: IsoDate,
});
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** A submitted report is an immutable snapshot; resubmitting makes a new one. */
export const Report = z.strictObject({
  id: Id, communeId: Id, hamletId: Id.nullable(), period: ReportPeriod, figures: z.record(z.string(), z.unknown()),
  difficulties: text(4000), recommendations: text(4000), commendations: text(4000),
  submittedBy: Id, submittedAt: IsoDateTime,
});
export type Report = z.infer<typeof Report>;
