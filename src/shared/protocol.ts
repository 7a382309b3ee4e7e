/**
 * The sync protocol, /api/v1. Documented in docs/sync-protocol.md; these schemas are the single source of truth.
 * Mutations are idempotent by id: the same id and content again → "duplicate"; the same id with other content →
 * "rejected", never overwritten.
 */
import { z } from 'zod';
import {
  Commune, Hamlet, HlcText, Household, HouseholdFields, Id, Member, MemberFields, Person, PersonFields, Report,
  TeamEvent, Visit,
} from './schema';
import { PUSH_BATCH_MAX_ITEMS } from './limits';
import { fold } from './text';

/** Per-field HLC the editing device had seen (null = field unset on that device): tells concurrent edits apart. */
const baseOf = (fields: z.ZodObject<z.ZodRawShape>) =>
  z.partialRecord(z.enum(Object.keys(fields.shape) as [string, ...string[]]), HlcText.nullable());

const put = <F extends z.ZodRawShape>(fields: z.ZodObject<F>) =>
  z.strictObject({ fields: fields.partial(), base: baseOf(fields as unknown as z.ZodObject<z.ZodRawShape>) });

const common = { id: Id, entityId: Id, hlc: HlcText };

export const Mutation = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('household.put'), payload: put(HouseholdFields) }),
  /** A household asked to be removed: the tombstone propagates to every device and erases persons and visits. */
  z.strictObject({ ...common, type: z.literal('household.delete'), payload: z.strictObject({}) }),
  z.strictObject({ ...common, type: z.literal('person.put'), payload: put(PersonFields) }),
  z.strictObject({ ...common, type: z.literal('person.delete'), payload: z.strictObject({}) }),
  z.strictObject({ ...common, type: z.literal('visit.create'), payload: Visit }),
  z.strictObject({ ...common, type: z.literal('event.create'), payload: TeamEvent }),
  z.strictObject({ ...common, type: z.literal('report.submit'), payload: Report }),
  /** A leader dismisses the "edited on two phones" flag of one field (after choosing a value with a put if needed). */
  z.strictObject({
    ...common, type: z.literal('conflict.resolve'),
    payload: z.strictObject({ entity: z.enum(['household', 'person']), field: z.string().max(40) }),
  }),
  z.strictObject({ ...common, type: z.literal('member.put'), payload: z.strictObject({ fields: MemberFields.partial() }) }),
]);
export type Mutation = z.infer<typeof Mutation>;
export type MutationType = Mutation['type'];

export const PushRequest = z.strictObject({
  mutations: z.array(z.unknown()).min(1, 'Lô trống').max(PUSH_BATCH_MAX_ITEMS, `Tối đa ${PUSH_BATCH_MAX_ITEMS} mục mỗi lô`),
});
export const PUSH_STATUSES = ['accepted', 'duplicate', 'conflict', 'rejected'] as const;
export const PushResult = z.strictObject({
  id: z.string(), status: z.enum(PUSH_STATUSES), reason: z.string().optional(),
});
export type PushResult = z.infer<typeof PushResult>;
/**
 * `acknowledged` is set only when the client asked for compact results (`?results=compact`): then `results` lists
 * only the mutations that were neither accepted nor duplicate (in request order), and `acknowledged` counts the
 * others, which the client may drop from its outbox. Without it every mutation has a result (the original shape).
 */
export const PushResponse = z.strictObject({
  results: z.array(PushResult), serverTime: z.string(), acknowledged: z.number().int().nonnegative().optional(),
});
/** Query value asking push for compact results (old servers ignore it and send the full list). */
export const PUSH_RESULTS_COMPACT = 'compact';
export type PushResponse = z.infer<typeof PushResponse>;

export const ENTITY_KINDS = ['commune', 'hamlet', 'member', 'household', 'person', 'visit', 'event', 'report'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
/** One changed entity; `data: null` is a tombstone (deleted: remove it and everything under it). */
export const Change = z.discriminatedUnion('entity', [
  z.strictObject({ entity: z.literal('commune'), id: Id, data: Commune.nullable() }),
  z.strictObject({ entity: z.literal('hamlet'), id: Id, data: Hamlet.nullable() }),
  z.strictObject({ entity: z.literal('member'), id: Id, data: Member.nullable() }),
  z.strictObject({ entity: z.literal('household'), id: Id, data: Household.nullable() }),
  z.strictObject({ entity: z.literal('person'), id: Id, data: Person.nullable() }),
  z.strictObject({ entity: z.literal('visit'), id: Id, data: Visit.nullable() }),
  z.strictObject({ entity: z.literal('event'), id: Id, data: TeamEvent.nullable() }),
  z.strictObject({ entity: z.literal('report'), id: Id, data: Report.nullable() }),
]);
export type Change = z.infer<typeof Change>;
export const PullResponse = z.strictObject({
  changes: z.array(Change), cursor: z.string(), hasMore: z.boolean(), serverTime: z.string(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const EnrolRequest = z.strictObject({
  // Folded as search folds text: accents a Vietnamese keyboard may have added go ("Đ" → "D"), then spaces and dashes.
  code: z.string().transform((s) => fold(s).toUpperCase().replace(/[^0-9A-Z]/g, '')).pipe(z.string().length(8, 'Mã gồm 8 ký tự')),
  deviceName: z.string().trim().min(1).max(60),
});
export const EnrolResponse = z.strictObject({
  deviceId: Id, token: z.string(), member: Member, commune: Commune, hamlets: z.array(Hamlet),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const Health = z.strictObject({ ok: z.boolean(), version: z.string(), db: z.enum(['sqlite', 'postgres']) });

export const ERROR_CODES = ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'too_large', 'rate_limited', 'unsupported_media_type', 'internal'] as const;
export const ApiError = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES), message: z.string(),
    issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
