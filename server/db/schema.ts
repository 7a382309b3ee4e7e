/**
 * Table types for Kysely. One schema for SQLite and PostgreSQL: ids and JSON are text, booleans are 0/1 integers,
 * times are epoch milliseconds (bigint), so every query is written once.
 * Synced tables carry `commune_id`, `hamlet_id` (null = visible to the whole commune), `seq` (pull cursor) and
 * `data` (the entity as JSON; null = tombstone).
 */
export interface SyncedRow {
  id: string;
  commune_id: string;
  hamlet_id: string | null;
  seq: number;
  data: string | null;
}

export interface HouseholdRow extends SyncedRow {
  /** The hamlet a household moved out of: its old hamlet's devices get a tombstone so they drop it. */
  prev_hamlet_id: string | null;
}

export interface PersonRow extends SyncedRow {
  household_id: string;
}

export interface VisitRow extends SyncedRow {
  household_id: string;
  /** The device that pushed it (null = unknown or re-sequenced): pull does not echo it back to that device. */
  origin_device: string | null;
}

/** Immutable synced rows (events, reports) also remember their origin device. */
export interface OriginRow extends SyncedRow {
  origin_device: string | null;
}

export interface MemberRow extends SyncedRow {
  role: string;
  /** JSON array of hamlet ids (the member's scope). */
  hamlet_ids: string;
}

export interface DeviceRow {
  id: string;
  commune_id: string;
  member_id: string;
  token_hash: string;
  name: string;
  created_at: number;
  last_seen_at: number | null;
  app_version: string | null;
  revoked_at: number | null;
}

export interface EnrolCodeRow {
  code_hash: string;
  commune_id: string;
  /** Bind the device to this existing member; null = a new member is created with role and hamlets below. */
  member_id: string | null;
  role: string;
  hamlet_ids: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}

export interface MutationRow {
  id: string;
  commune_id: string;
  device_id: string;
  member_id: string;
  type: string;
  entity_id: string;
  /** sha-256 of the canonical JSON of the validated mutation: tells a duplicate from a reused id. */
  content_hash: string;
  received_at: number;
  status: string;
}

export interface CounterRow {
  name: string;
  value: number;
}

export interface Database {
  counters: CounterRow;
  communes: SyncedRow;
  hamlets: SyncedRow;
  members: MemberRow;
  households: HouseholdRow;
  persons: PersonRow;
  visits: VisitRow;
  events: OriginRow;
  reports: OriginRow;
  devices: DeviceRow;
  enrol_codes: EnrolCodeRow;
  mutations: MutationRow;
}

/** Tables pulled by devices, in the order of ENTITY_KINDS. */
export const SYNCED_TABLES = {
  commune: 'communes', hamlet: 'hamlets', member: 'members', household: 'households', person: 'persons',
  visit: 'visits', event: 'events', report: 'reports',
} as const;
