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

/** The rows of the decided batches as two JSON texts (short keys; JSON.stringify is native and escapes in one pass). */
function rowsJson(jobs: PushJob<unknown>[], writes: PushWrites[]): [mutations: string, visits: string] {
  const mutations: object[] = [];
  const visits: object[] = [];
  writes.forEach((w, i) => {
    const { communeId: c, deviceId: d, memberId: u, nowMs: t } = jobs[i]!.meta;
    for (const m of w.mutations) mutations.push({ i: m.id, c, d, u, t, y: m.type, e: m.entityId, h: m.contentHash });
    // Not echoed to its creator unless the server changed it (then the creator's copy is stale) — as push-writes.ts.
    for (const { visit: v, json, adjusted } of w.visits) visits.push({ i: v.id, c, a: v.hamletId, o: v.householdId, d: adjusted ? null : d, j: json });
  });
  return [JSON.stringify(mutations), JSON.stringify(visits)];
}

/** Both INSERTs as ONE statement (data-modifying CTE): one parse, one round trip. */
const WRITE_SQL = `with m as (
    insert into mutations (id, commune_id, device_id, member_id, type, entity_id, content_hash, received_at, status)
    select i, c, d, u, y, e, h, t, 'accepted' from json_to_recordset($1::json) as r(i text, c text, d text, u text, t bigint, y text, e text, h text)
    on conflict (id) do nothing)
  insert into visits (id, commune_id, hamlet_id, household_id, seq, data, origin_device)
  select i, c, a, o, $3::bigint, j, d from json_to_recordset($2::json) as r(i text, c text, a text, o text, d text, j text)
  on conflict (id) do nothing`;

/** Commits a visits-only group (see above); throws NEEDS_GENERAL_PATH, after rolling back, if the writes need more. */
export async function commitVisitGroup(pool: pg.Pool, jobs: PushJob<unknown>[], refs: PushRefs): Promise<unknown[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  let open = false;
  try {
    open = true;
    // work_mem: json_to_recordset materialises its rows; a 5,000-visit group (~5 MB) spilled to a temp file at 4 MB.
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
    const [mutationRows, visitRows] = rowsJson(jobs, decided.map((d) => d.writes));
    // Named: parsed and planned once per connection (the push connection lives as long as the server).
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
