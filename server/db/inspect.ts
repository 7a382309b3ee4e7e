/** Row counts per table: lets tests assert "the database is unchanged" after a refused request. */
import type { Store } from './connect';

const TABLES = ['communes', 'hamlets', 'members', 'households', 'persons', 'visits', 'events', 'reports', 'devices', 'enrol_codes', 'mutations', 'counters'] as const;

export async function snapshotCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  const seq = await store.db.selectFrom('counters').select('value').where('name', '=', 'seq').executeTakeFirstOrThrow();
  out.seq = Number(seq.value);
  return out;
}
