/**
 * PostgreSQL fast path of a group commit (D-I4) for the common shape: every mutation of every batch is a new visit.
 * The general path (group-commit.ts with Kysely) costs seven round trips per group — BEGIN, the seq counter, three
 * look-ups, two INSERTs, COMMIT — on the shared pool, and under a burst each reply waits for the event loop, busy
 * reading and validating other phones' pushes. Here a group is three round trips on the connection kept for pushes:
 *   1. `begin; set local work_mem; update counters … returning; select <look-ups>` — one multi-statement message
 *      (ids inlined as dollar-quoted JSON); each statement still takes its own snapshot, so the look-ups run after
 *      the seq row lock is held, exactly as on the general path;
 *   2. both INSERTs as one statement (data-modifying CTE) with the rows as two JSON parameters;
 *   3. `commit` — or `rollback` instead of 2–3 when nothing was accepted.
 * The decision in between is the same pure planPush on the same loaded state, so results, idempotency, seq and
 * origin_device are those of the general path (tests/server/pg-visit-group.test.ts compares both). Any other shape,
 * or a write other than a mutation or a visit, takes the general path.
 */
import type pg from 'pg';
import type { PushContext, PushRefs, PushWrites } from '../sync/push-types';
import type { PushJob } from './group-commit';
import { householdForVisits } from './push-store';
import { unique } from './seq';

/** Whether a group can take the fast path: nothing but visit.create (and invalid items) in any batch. */
export function visitsOnly(refs: PushRefs): boolean {
  return refs.householdIds.length === 0 && refs.personIds.length === 0 && refs.eventIds.length === 0
    && refs.reportIds.length === 0 && refs.memberIds.length === 0;
}

/** Signals that the decided writes need the general path after all; the transaction was rolled back, nothing written. */
export const NEEDS_GENERAL_PATH = new Error('group needs the general path');

/** A JSON array as a dollar-quoted literal. The text is JSON.stringify output or built from it: it has no NUL and
 *  ends with `]`, so it cannot run into the closing tag; a tag that occurs inside the text is replaced by another. */
function literal(jsonArray: string): string {
  let tag = '$tn$';
  for (let i = 0; jsonArray.includes(tag); i++) tag = `$tn${i}$`;
  return `${tag}${jsonArray}${tag}`;
}

const lookupIds = (ids: string[]) => `json_array_elements_text(${literal(JSON.stringify(unique(ids)))}::json) as x(id)`;

function lookupSql(refs: PushRefs): string {
  // One statement, one result: kind, id and up to three text columns. Each id is an index probe (x is estimated small).
  return `select 'm' as k, t.id, t.content_hash as a, null::text as b, null::text as c from ${lookupIds(refs.mutationIds)} join mutations t on t.id = x.id
    union all select 'h', t.id, t.commune_id, t.hamlet_id, case when t.data is null then 'removed' end from ${lookupIds(refs.visitHouseholdIds)} join households t on t.id = x.id
    union all select 'v', t.id, t.commune_id, t.data, null from ${lookupIds(refs.visitIds)} join visits t on t.id = x.id`;
}

interface LookupRow { k: 'm' | 'h' | 'v'; id: string; a: string; b: string | null; c: string | null }

function contextOf(rows: LookupRow[]): PushContext {
  const ctx: PushContext = {
    mutationHashes: new Map(), households: new Map(), persons: new Map(), visits: new Map(),
    events: new Set(), reports: new Set(), members: new Map(),
  };
  for (const r of rows) {
    if (r.k === 'm') ctx.mutationHashes.set(r.id, r.a);
    else if (r.k === 'h') ctx.households.set(r.id, householdForVisits(r.a, r.b, r.c !== null));
    else ctx.visits.set(r.id, { communeId: r.a, data: r.b });
  }
  return ctx;
}

const onlyMutationsAndVisits = (w: PushWrites) => w.households.size === 0 && w.persons.size === 0 && w.events.length === 0
  && w.reports.length === 0 && w.members.size === 0 && w.movedHouseholds.size === 0 && w.erasedHouseholds.size === 0;

/** Field and row separators of the rows' text (ASCII unit and record separators). A visit's JSON never holds them raw
 *  (JSON.stringify escapes every control character); ids are validated UUIDs, but a row whose other fields held one
 *  would shift its columns, so it is refused (null) and the group takes the general path, as for a missing value. */
const US = '\x1f';
const RS = '\x1e';
const SEPARATOR = /[\x1e\x1f]/;
/** Whether the values can be written as row text: strings (null has no text form here) without a separator. */
const plain = (...values: unknown[]) => values.every((v) => typeof v === 'string') && !SEPARATOR.test(values.join(''));

/** Text appended straight into UTF-8 bytes. The rows go to PostgreSQL as one binary-format text parameter each, so
 *  they are encoded once, piece by piece, instead of being joined into one large string that `pg` then measures and
 *  encodes again (5,000 visits: ≈ 58 → 6–15 ms, and no 5–10 MB string for the collector, D-I7). */
export class Utf8Rows {
  #buf: Buffer;
  #used = 0;
  #rows = 0;
  constructor(capacityBytes: number) { this.#buf = Buffer.allocUnsafe(Math.max(capacityBytes, 16)); }
  /** Appends `text`; grows first if it might not fit (a UTF-16 unit is at most 3 bytes of UTF-8). */
  add(text: string): void {
    const need = this.#used + text.length * 3;
    if (need > this.#buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.#buf.length * 2));
      this.#buf.copy(next, 0, 0, this.#used);
      this.#buf = next;
    }
    this.#used += this.#buf.write(text, this.#used, 'utf8');
  }
  /** Starts a row: the record separator before every row but the first. */
  row(): void { if (this.#rows++ > 0) this.add(RS); }
  get rows(): number { return this.#rows; }
  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer { return this.#buf.subarray(0, this.#used); }
}

/** The rows of the decided batches as two UTF-8 texts, one row per record and one field per unit, in column order with
 *  the visit's JSON last. PostgreSQL splits them with string_to_array/split_part at a sixth of json_to_recordset's CPU
 *  (5,000 visits: ~18 ms against ~100–130 ms), and nothing is escaped on either side (D-I6). */
export function rowsBytes(jobs: PushJob<unknown>[], writes: PushWrites[]): [mutations: Buffer, visits: Buffer] | null {
  let mutationCount = 0;
  let jsonChars = 0;
  for (const w of writes) {
    mutationCount += w.mutations.length;
    for (const x of w.visits) jsonChars += x.json.length;
  }
  // Ids and hashes are ASCII (a mutation row ≈ 240 bytes, a visit row's fields ≈ 190 before its JSON); the JSON is
  // mostly ASCII: a tenth more than its length leaves room for Vietnamese, and for add()'s worst-case check at the end.
  const mutations = new Utf8Rows(mutationCount * 256 + 4096);
  const visits = new Utf8Rows(Math.ceil(jsonChars * 1.1) + mutationCount * 200 + 4096);
  for (let i = 0; i < writes.length; i++) {
    const { communeId: c, deviceId: d, memberId: u, nowMs: t } = jobs[i]!.meta;
    if (!plain(c, d, u)) return null;
    const meta = c + US + d + US + u + US + t;
    for (const m of writes[i]!.mutations) {
      if (!plain(m.id, m.type, m.entityId, m.contentHash)) return null;
      mutations.row();
      mutations.add(m.id + US + m.type + US + m.entityId + US + m.contentHash + US + meta);
    }
    // Not echoed to its creator unless the server changed it (then the creator's copy is stale) — as push-writes.ts.
    // An empty origin stands for null (device ids are never empty).
    for (const { visit: v, json, adjusted } of writes[i]!.visits) {
      if (!plain(v.id, v.hamletId, v.householdId)) return null;
      visits.row();
      visits.add(v.id + US + c + US + v.hamletId + US + v.householdId + US + (adjusted ? '' : d) + US);
      visits.add(json);
    }
  }
  return [mutations.bytes(), visits.bytes()];
}

/** Both INSERTs as ONE statement (data-modifying CTE): one parse, one round trip. */
const WRITE_SQL = `with m as (
    insert into mutations (id, type, entity_id, content_hash, commune_id, device_id, member_id, received_at, status)
    select split_part(r, chr(31), 1), split_part(r, chr(31), 2), split_part(r, chr(31), 3), split_part(r, chr(31), 4),
      split_part(r, chr(31), 5), split_part(r, chr(31), 6), split_part(r, chr(31), 7), split_part(r, chr(31), 8)::bigint, 'accepted'
    from unnest(string_to_array($1::text, chr(30))) as r
    on conflict (id) do nothing)
  insert into visits (id, commune_id, hamlet_id, household_id, origin_device, seq, data)
  select split_part(r, chr(31), 1), split_part(r, chr(31), 2), split_part(r, chr(31), 3), split_part(r, chr(31), 4),
    nullif(split_part(r, chr(31), 5), ''), $3::bigint, split_part(r, chr(31), 6)
  from unnest(string_to_array($2::text, chr(30))) as r
  on conflict (id) do nothing`;

/** Commits a visits-only group (see above); throws NEEDS_GENERAL_PATH, after rolling back, if the writes need more. */
export async function commitVisitGroup(pool: pg.Pool, jobs: PushJob<unknown>[], refs: PushRefs): Promise<unknown[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  let open = false;
  try {
    open = true;
    // work_mem: the rows' text is materialised; a 5,000-visit group (~5 MB) spilled to a temp file at 4 MB.
    const first = (await client.query(`begin; set local work_mem = '32MB';
      update counters set value = value + 1 where name = 'seq' returning value;
      ${lookupSql(refs)}`)) as unknown as pg.QueryResult[];
    const seq = Number((first[2]!.rows[0] as { value: number | string }).value);
    const ctx = contextOf(first[3]!.rows as LookupRow[]);
    const decided = jobs.map((job) => job.decide(ctx));
    if (decided.every((d) => d.writes.mutations.length === 0)) {
      // Nothing accepted (all duplicates or rejected): roll back so even the seq counter stays as it was.
      await client.query('rollback');
      open = false;
      return decided.map((d) => d.results);
    }
    if (!decided.every((d) => onlyMutationsAndVisits(d.writes))) throw NEEDS_GENERAL_PATH;
    const rows = rowsBytes(jobs, decided.map((d) => d.writes));
    // A separator inside an id (never in ids this app makes): the general path binds each value on its own.
    if (!rows) throw NEEDS_GENERAL_PATH;
    const [mutationRows, visitRows] = rows;
    // Named: parsed and planned once per connection (the push connection lives as long as the server). The Buffers go
    // as binary-format parameters; the binary form of text is its bytes in the client encoding (UTF8).
    await client.query({ name: 'tn-visit-group-write', text: WRITE_SQL, values: [mutationRows, visitRows, seq] });
    await client.query('commit');
    open = false;
    return decided.map((d) => d.results);
  } catch (err) {
    // A failed statement leaves the transaction aborted (the COMMIT after it is not run): roll it back. If even that
    // fails the connection is unusable and is dropped from the pool instead of being reused.
    if (open) await client.query('rollback').catch((e: Error) => { broken = e; });
    throw err;
  } finally {
    client.release(broken);
  }
}
