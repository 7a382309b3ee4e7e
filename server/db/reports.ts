/**
 * Report figures by SQL over the synced data, for `GET /api/v1/reports/...`: the same counts as
 * src/shared/report/communeCounts computes on a phone, with the same rules — effective visits (an amendment replaces
 * the visit it amends, at that visit's time), latest outcome per (item, person), people still in the household,
 * Vietnam-time periods passed in as instants. Entities are stored as JSON text, so the few JSON and time functions
 * differ between SQLite and PostgreSQL; everything else is one query text. Percentages and targets are derived from
 * these counts by the shared deriveFigures, never recomputed here.
 */
import { sql } from 'kysely';
import { catalogue } from '../../src/shared/catalogue';
import { COMMUNE_ROLES, ROLES, type Role } from '../../src/shared/schema';
import {
  addDays, emptyScope, FOLLOW_UP_DUE_DAYS, HAS_IT, PAYMENT_ITEMS, HEALTH_ITEM, AGE_ADULT_MIN, AGE_PAYMENT_MIN, periodBounds,
  STALE_DAYS_DEFAULT, vnDate, type CommuneCounts, type ScopeCounts,
} from '../../src/shared/report';
import type { Store } from './connect';

export interface ReportQuery {
  communeId: string;
  /** The caller's hamlets; null = the whole commune (commune leaders). */
  hamletIds: readonly string[] | null;
  period: { from: string; to: string };
  now: number;
  staleDays?: number;
}

/** SQL text fragments that differ between the two databases. Keys and paths are constants of this file, never input. */
function dialect(kind: Store['kind']) {
  const pg = kind === 'postgres';
  const path = (keys: string[]) => (pg ? keys.map((k, i) => `${i === keys.length - 1 ? '->>' : '->'} '${k}'`).join(' ') : `'$.${keys.join('.')}'`);
  return {
    /** Text (or number) at a JSON path of a text column. */
    j: (col: string, ...keys: string[]) => (pg ? `(${col}::jsonb ${path(keys)})` : `json_extract(${col}, ${path(keys)})`),
    jbool: (col: string, ...keys: string[]) => (pg ? `((${col}::jsonb ${path(keys)}) = 'true')` : `(json_extract(${col}, ${path(keys)}) = 1)`),
    jint: (col: string, key: string) => (pg ? `((${col}::jsonb ->> '${key}')::int)` : `json_extract(${col}, '$.${key}')`),
    /** Epoch milliseconds of an ISO date-time with offset. */
    ms: (expr: string) => (pg ? `(round(extract(epoch from (${expr})::timestamptz) * 1000)::bigint)` : `CAST(round((julianday(${expr}) - 2440587.5) * 86400000) AS INTEGER)`),
    /** FROM-clause item: the elements of a JSON array as rows (value, pos). */
    each: (col: string, key: string, alias: string) => (pg
      ? `jsonb_array_elements(${col}::jsonb -> '${key}') WITH ORDINALITY AS ${alias}(value, pos)`
      : `json_each(${col}, '$.${key}') AS ${alias}`),
    /** Position of an element produced by `each` (array order breaks ties inside one visit). */
    pos: (alias: string) => (pg ? `${alias}.pos` : `${alias}.key`),
    /** FROM-clause item: the strings of a JSON array as rows (value). */
    eachText: (col: string, key: string, alias: string) => (pg
      ? `jsonb_array_elements_text(${col}::jsonb -> '${key}') AS ${alias}(value)`
      : `json_each(${col}, '$.${key}') AS ${alias}`),
    /** Field of an element produced by `each`. */
    el: (alias: string, key: string) => (pg ? `(${alias}.value ->> '${key}')` : `json_extract(${alias}.value, '$.${key}')`),
    len: (col: string, key: string) => (pg ? `jsonb_array_length(${col}::jsonb -> '${key}')` : `json_array_length(${col}, '$.${key}')`),
  };
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (xs: readonly string[]) => (xs.length ? xs.map(lit).join(', ') : 'NULL');

/**
 * Effective visits and their outcome cells are materialised once per request into temporary tables (inside the
 * request's transaction: one connection, dropped at the end): every figure reads them, and recomputing the JSON
 * expansion in each query made a 50,000-visit commune take minutes. The commune id is a server-side UUID (from the
 * caller's token), inlined as a quoted literal because PostgreSQL takes no bind parameters in CREATE TABLE AS.
 */
function materialise(d: ReturnType<typeof dialect>, q: ReportQuery, kind: Store['kind']): string[] {
  const items = catalogue().map((i) => `(${lit(i.key)}, ${lit(i.scope)})`).join(', ');
  const scope = q.hamletIds === null ? '' : `AND hamlet_id IN (${list(q.hamletIds)})`;
  const create = (name: string) => (kind === 'postgres' ? `CREATE TEMP TABLE ${name} ON COMMIT DROP AS` : `CREATE TEMP TABLE ${name} AS`);
  return [
    `${create('rc_ev')} WITH
hh AS (SELECT id, hamlet_id FROM households WHERE commune_id = ${lit(q.communeId)} AND data IS NOT NULL ${scope}),
vv AS (SELECT v.id, v.household_id, ${d.ms(d.j('v.data', 'at'))} AS at_ms, ${d.j('v.data', 'amends')} AS amends, v.data
  FROM visits v JOIN hh ON hh.id = v.household_id WHERE v.data IS NOT NULL),
am AS (SELECT amends, data, ROW_NUMBER() OVER (PARTITION BY amends ORDER BY at_ms DESC, id DESC) AS rn FROM vv WHERE amends IS NOT NULL)
SELECT o.id, o.household_id, hh.hamlet_id, o.at_ms, COALESCE(a.data, o.data) AS data, ${d.j('o.data', 'memberId')} AS member_id
  FROM vv o JOIN hh ON hh.id = o.household_id LEFT JOIN am a ON a.amends = o.id AND a.rn = 1 WHERE o.amends IS NULL`,
    `${create('rc_cells')} WITH items (ikey, iscope) AS (VALUES ${items})
SELECT ev.id AS visit_id, ev.household_id, ev.hamlet_id, ev.at_ms, ${d.pos('oc')} AS pos, oc.value AS el,
  ${d.el('oc', 'item')} AS item, ${d.el('oc', 'outcome')} AS outcome,
  CASE WHEN items.iscope = 'person' THEN ${d.el('oc', 'personId')} ELSE '-' END AS pkey
  FROM rc_ev ev CROSS JOIN ${d.each('ev.data', 'outcomes', 'oc')} JOIN items ON items.ikey = ${d.el('oc', 'item')}
  LEFT JOIN persons pe ON items.iscope = 'person' AND pe.id = ${d.el('oc', 'personId')} AND pe.household_id = ev.household_id AND pe.data IS NOT NULL
  WHERE items.iscope = 'household' OR pe.id IS NOT NULL`,
  ];
}

/** The common table expressions every figure reads: households and people in scope, and the latest outcome per cell. */
function cte(d: ReturnType<typeof dialect>, q: ReportQuery) {
  const scope = q.hamletIds === null ? '' : `AND hamlet_id IN (${list(q.hamletIds)})`;
  const prio = ['elderly', 'vulnerable', 'poor', 'remote', 'noSmartphone'].map((k) => d.jbool('data', 'priority', k)).join(' OR ');
  const latest = (cond: string) => `SELECT household_id, hamlet_id, item, pkey, outcome,
  ROW_NUMBER() OVER (PARTITION BY household_id, item, pkey ORDER BY at_ms DESC, visit_id DESC, pos DESC) AS rn FROM rc_cells WHERE ${cond}`;
  return `WITH
hh AS (SELECT id, hamlet_id, CASE WHEN ${prio} THEN 1 ELSE 0 END AS prio FROM households
  WHERE commune_id = $commune AND data IS NOT NULL ${scope}),
pp AS (SELECT p.id, p.household_id, hh.hamlet_id, ${d.jint('p.data', 'birthYear')} AS birth_year,
  CASE WHEN ${d.jbool('p.data', 'hasSmartphone')} THEN 1 ELSE 0 END AS phone
  FROM persons p JOIN hh ON hh.id = p.household_id WHERE p.data IS NOT NULL),
ev AS (SELECT * FROM rc_ev),
cells AS (SELECT * FROM rc_cells),
latest_end AS (${latest('at_ms < $end')}),
latest_in AS (${latest('at_ms >= $start AND at_ms < $end')}),
latest_now AS (${latest('at_ms < $now')})
`;
}

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

export async function reportCounts(store: Store, q: ReportQuery): Promise<CommuneCounts> {
  const d = dialect(store.kind);
  const { startMs, endMs } = periodBounds(q.period);
  const today = vnDate(q.now);
  const staleSince = q.now - (q.staleDays ?? STALE_DAYS_DEFAULT) * 86_400_000;
  const params: Record<string, string | number> = {
    commune: q.communeId, start: startMs, end: endMs, now: q.now, stale: staleSince, today, dueBy: addDays(today, FOLLOW_UP_DUE_DAYS),
    from: q.period.from, to: q.period.to, refYear: Number(q.period.to.slice(0, 4)),
  };
  return store.db.transaction().execute(async (trx) => {
    if (store.kind === 'sqlite') for (const t of ['rc_cells', 'rc_ev']) await sql.raw(`DROP TABLE IF EXISTS temp.${t}`).execute(trx);
    for (const statement of materialise(d, q, store.kind)) await sql.raw(statement).execute(trx);
    const run = async (body: string): Promise<Row[]> => {
      // Named parameters → positional bindings in the order they appear (values never enter the SQL text).
      const text = cte(d, q) + body;
      const parts = text.split(/\$([a-zA-Z]+)/);
      const strings = parts.filter((_, i) => i % 2 === 0);
      const values = parts.filter((_, i) => i % 2 === 1).map((name) => params[name]);
      const tsa = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray;
      const res = await sql<Row>(tsa, ...values).execute(trx);
      return res.rows;
    };
    const counts = await countAll(run, d, q);
    if (store.kind === 'sqlite') for (const t of ['rc_cells', 'rc_ev']) await sql.raw(`DROP TABLE temp.${t}`).execute(trx);
    return counts;
  });
}

async function countAll(run: (body: string) => Promise<Row[]>, d: ReturnType<typeof dialect>, q: ReportQuery): Promise<CommuneCounts> {
  const hamlets = new Map<string, ScopeCounts>();
  // 0. Every hamlet in scope gets a row, in the commune's order, even with no households yet.
  const order = await run(`SELECT id FROM hamlets WHERE commune_id = $commune AND data IS NOT NULL ORDER BY ${d.jint('data', 'order')}, id`);
  for (const r of order) if (q.hamletIds === null || q.hamletIds.includes(String(r.id))) hamlets.set(String(r.id), emptyScope(String(r.id)));
  const commune = emptyScope(null);
  const scope = (id: unknown) => {
    const key = String(id);
    let s = hamlets.get(key);
    if (!s) hamlets.set(key, (s = emptyScope(key)));
    return s;
  };
  const both = (id: unknown) => [scope(id), commune];

  // 1. Households: visited in the period / ever, priority, not visited recently, visits in the period.
  for (const r of await run(`, hv AS (SELECT household_id,
      MAX(CASE WHEN at_ms >= $start AND at_ms < $end THEN 1 ELSE 0 END) AS in_period,
      SUM(CASE WHEN at_ms >= $start AND at_ms < $end THEN 1 ELSE 0 END) AS n_period,
      MAX(CASE WHEN at_ms < $end THEN 1 ELSE 0 END) AS ever,
      MAX(CASE WHEN at_ms < $now THEN at_ms END) AS last_ms FROM ev GROUP BY household_id)
    SELECT hh.hamlet_id, COUNT(*) AS total, SUM(COALESCE(hv.in_period, 0)) AS in_period, SUM(COALESCE(hv.ever, 0)) AS ever,
      SUM(hh.prio) AS prio, SUM(hh.prio * COALESCE(hv.in_period, 0)) AS prio_in, SUM(hh.prio * COALESCE(hv.ever, 0)) AS prio_ever,
      SUM(CASE WHEN hv.last_ms IS NULL OR hv.last_ms < $stale THEN 1 ELSE 0 END) AS stale, SUM(COALESCE(hv.n_period, 0)) AS visits
    FROM hh LEFT JOIN hv ON hv.household_id = hh.id GROUP BY hh.hamlet_id`)) {
    for (const s of both(r.hamlet_id)) {
      const h = s.households;
      h.total += n(r.total); h.visitedInPeriod += n(r.in_period); h.visitedEver += n(r.ever); h.priorityTotal += n(r.prio);
      h.priorityReachedInPeriod += n(r.prio_in); h.priorityReachedEver += n(r.prio_ever); h.notVisitedRecently += n(r.stale);
      s.visits.inPeriod += n(r.visits);
    }
  }
  // 2. Checklist items: latest outcome per cell at the end of the period, and within the period.
  for (const [table, key] of [['latest_end', 'state'], ['latest_in', 'inPeriod']] as const) {
    for (const r of await run(`SELECT hamlet_id, item, outcome, COUNT(*) AS c FROM ${table} WHERE rn = 1 GROUP BY hamlet_id, item, outcome`)) {
      for (const s of both(r.hamlet_id)) {
        const counts = s.items[String(r.item)]?.[key];
        if (counts && String(r.outcome) in counts) counts[r.outcome as keyof typeof counts] += n(r.c);
      }
    }
  }
  for (const r of await run(`SELECT c.hamlet_id, c.item, dt.value AS detail, COUNT(DISTINCT c.household_id || '|' || c.pkey) AS c
    FROM cells c CROSS JOIN ${d.eachText('c.el', 'details', 'dt')}
    WHERE c.outcome = 'done' AND c.at_ms >= $start AND c.at_ms < $end GROUP BY c.hamlet_id, c.item, dt.value`)) {
    for (const s of both(r.hamlet_id)) {
      const by = s.items[String(r.item)]?.doneByDetail;
      if (by) by[String(r.detail)] = (by[String(r.detail)] ?? 0) + n(r.c);
    }
  }
  // 3. People: ages in the period's year, payment account / health book from the latest state at period end.
  // Joins against aggregated CTEs, never correlated subqueries: those rescan a CTE per row (minutes at 50,000 visits).
  const has = `IN (${list(HAS_IT)})`;
  for (const r of await run(`, ph AS (SELECT pkey AS person_id,
      MAX(CASE WHEN item IN (${list(PAYMENT_ITEMS)}) AND outcome ${has} THEN 1 ELSE 0 END) AS paying,
      MAX(CASE WHEN item = ${lit(HEALTH_ITEM)} AND outcome ${has} THEN 1 ELSE 0 END) AS health
      FROM latest_end WHERE rn = 1 AND pkey <> '-' GROUP BY pkey)
    SELECT pp.hamlet_id, COUNT(*) AS total,
      SUM(CASE WHEN $refYear - pp.birth_year >= ${AGE_PAYMENT_MIN} THEN 1 ELSE 0 END) AS aged15,
      SUM(CASE WHEN $refYear - pp.birth_year >= ${AGE_PAYMENT_MIN} AND ph.paying = 1 THEN 1 ELSE 0 END) AS paying,
      SUM(CASE WHEN $refYear - pp.birth_year >= ${AGE_ADULT_MIN} THEN 1 ELSE 0 END) AS adults,
      SUM(CASE WHEN $refYear - pp.birth_year >= ${AGE_ADULT_MIN} AND pp.phone = 1 THEN 1 ELSE 0 END) AS phones,
      SUM(CASE WHEN ph.health = 1 THEN 1 ELSE 0 END) AS health
    FROM pp LEFT JOIN ph ON ph.person_id = pp.id GROUP BY pp.hamlet_id`)) {
    for (const s of both(r.hamlet_id)) {
      const p = s.people;
      p.total += n(r.total); p.aged15Plus += n(r.aged15); p.aged15PlusWithPayment += n(r.paying); p.adults += n(r.adults);
      p.adultsWithSmartphone += n(r.phones); p.withHealthBook += n(r.health);
    }
  }
  // 4. Active volunteers: distinct visitors in the period, per hamlet and for the commune (not a sum). The visitor is
  //    the original visit's: a correction replaces the outcomes, not who came.
  const member = 'member_id';
  for (const r of await run(`SELECT hamlet_id, COUNT(DISTINCT ${member}) AS c FROM ev WHERE at_ms >= $start AND at_ms < $end GROUP BY hamlet_id`)) {
    scope(r.hamlet_id).visits.activeVolunteers = n(r.c);
  }
  commune.visits.activeVolunteers = n((await run(`SELECT COUNT(DISTINCT ${member}) AS c FROM ev WHERE at_ms >= $start AND at_ms < $end`))[0]?.c);
  // 5. Follow-ups as of now: a cell still needing help and the latest dated follow-up before now.
  const followUps = (await run(`, fu AS (SELECT household_id, hamlet_id, ${d.j('data', 'followUpOn')} AS fon,
      ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY at_ms DESC, id DESC) AS rn
      FROM ev WHERE at_ms < $now AND ${d.j('data', 'followUpOn')} IS NOT NULL)
    SELECT household_id, hamlet_id, fon, CASE WHEN fon < $today THEN 1 ELSE 0 END AS overdue, CASE WHEN fon <= $dueBy THEN 1 ELSE 0 END AS due
    FROM fu JOIN (SELECT DISTINCT household_id AS open_id FROM latest_now WHERE rn = 1 AND outcome = 'needs_help') o ON o.open_id = fu.household_id
    WHERE fu.rn = 1
    ORDER BY fon, household_id`));
  for (const r of followUps) {
    for (const s of both(r.hamlet_id)) {
      if (n(r.overdue)) s.followUps.overdue++;
      else if (n(r.due)) s.followUps.due++;
    }
  }
  await teamAndEvents(run, d, q, scope, commune);
  return {
    hamlets: [...hamlets.values()],
    commune: q.hamletIds === null ? commune : emptyScope(null),
    followUps: followUps.map((r) => ({ householdId: String(r.household_id), hamletId: String(r.hamlet_id), on: String(r.fon), overdue: n(r.overdue) === 1 })),
  };
}

async function teamAndEvents(
  run: (body: string) => Promise<Row[]>, d: ReturnType<typeof dialect>, q: ReportQuery, scope: (id: unknown) => ScopeCounts, commune: ScopeCounts,
): Promise<void> {
  const inScope = (col: string) => (q.hamletIds === null ? 'TRUE' : `${col} IN (${list(q.hamletIds)})`);
  // 6. Events in the period: once per hamlet they were held for, once for the commune.
  const events = `, ee AS (SELECT id, data, ${d.j('data', 'kind')} AS kind, ${d.jint('data', 'attendance')} AS att FROM events
    WHERE commune_id = $commune AND data IS NOT NULL AND ${d.j('data', 'on')} >= $from AND ${d.j('data', 'on')} <= $to)`;
  const addEvents = (s: ScopeCounts, r: Row) => {
    s.events.digitalDays += n(r.digital); s.events.groupSessions += n(r.sessions); s.events.attendance += n(r.att);
  };
  const sums = `SUM(CASE WHEN kind = 'digital_day' THEN 1 ELSE 0 END) AS digital, SUM(CASE WHEN kind = 'digital_day' THEN 0 ELSE 1 END) AS sessions, SUM(att) AS att`;
  for (const r of await run(`${events}, eh AS (SELECT DISTINCT ee.id, h.value AS hamlet_id, ee.kind, ee.att FROM ee CROSS JOIN ${d.eachText('ee.data', 'hamletIds', 'h')})
    SELECT hamlet_id, ${sums} FROM eh WHERE ${inScope('hamlet_id')} GROUP BY hamlet_id`)) addEvents(scope(r.hamlet_id), r);
  if (q.hamletIds === null) for (const r of await run(`${events} SELECT ${sums} FROM ee`)) addEvents(commune, r);
  // 7. Team at period end: hamlet teams from each member's hamletIds; the commune team = commune roles or no hamlet.
  const communeRoles = list(COMMUNE_ROLES.filter((r) => r !== 'admin'));
  const team = `, mm AS (SELECT id, data, ${d.j('data', 'role')} AS role, ${d.j('data', 'status')} AS status,
      ${d.j('data', 'joinedOn')} AS joined_on, ${d.j('data', 'leftOn')} AS left_on FROM members
      WHERE commune_id = $commune AND data IS NOT NULL AND ${d.j('data', 'role')} <> 'admin'),
    ms AS (SELECT DISTINCT mm.id, h.value AS hamlet_id FROM mm CROSS JOIN ${d.eachText('mm.data', 'hamletIds', 'h')}
      WHERE mm.role NOT IN (${communeRoles})
    UNION ALL SELECT mm.id, CAST(NULL AS TEXT) AS hamlet_id FROM mm WHERE mm.role IN (${communeRoles}) OR ${d.len('mm.data', 'hamletIds')} = 0)
    SELECT ms.hamlet_id, mm.role,
      SUM(CASE WHEN mm.status = 'proposed' THEN 1 ELSE 0 END) AS pending,
      SUM(CASE WHEN mm.status <> 'proposed' AND (mm.joined_on IS NULL OR mm.joined_on <= $to)
        AND ((mm.left_on IS NOT NULL AND mm.left_on > $to) OR (mm.left_on IS NULL AND mm.status <> 'left')) THEN 1 ELSE 0 END) AS on_team,
      SUM(CASE WHEN mm.status <> 'proposed' AND mm.joined_on >= $from AND mm.joined_on <= $to THEN 1 ELSE 0 END) AS joined,
      SUM(CASE WHEN mm.status <> 'proposed' AND mm.left_on >= $from AND mm.left_on <= $to THEN 1 ELSE 0 END) AS left_n
    FROM ms JOIN mm ON mm.id = ms.id WHERE ms.hamlet_id IS NULL OR ${inScope('ms.hamlet_id')} GROUP BY ms.hamlet_id, mm.role`;
  for (const r of await run(team)) {
    if (r.hamlet_id === null && q.hamletIds !== null) continue;
    const s = r.hamlet_id === null ? commune : scope(r.hamlet_id);
    const role = String(r.role) as Role;
    if (!ROLES.includes(role)) continue;
    s.team.pending += n(r.pending); s.team.byRole[role] += n(r.on_team);
    if (role !== 'collaborator') s.team.size += n(r.on_team);
    s.team.joined += n(r.joined); s.team.left += n(r.left_n);
  }
}

/** Submitted report snapshots of a commune (JSON text), for the "who has submitted" list. */
export async function listSubmittedReports(store: Store, communeId: string): Promise<string[]> {
  const rows = await store.db.selectFrom('reports').select('data').where('commune_id', '=', communeId).where('data', 'is not', null).execute();
  return rows.map((r) => r.data!).filter(Boolean);
}
