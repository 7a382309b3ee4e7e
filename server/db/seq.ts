/**
 * The pull cursor's clock. Every transaction that changes synced rows first takes the next value of one counter row
 * (UPDATE … RETURNING). On PostgreSQL that row lock is held until commit, so such transactions are serialised and
 * seq values become visible in commit order: a device that has read up to seq N can never later miss a row with
 * seq ≤ N committed by a slower transaction. On SQLite writers are serialised anyway. One seq is shared by all rows a
 * transaction writes; pull pages by (seq, table, id) so a page boundary may fall inside one transaction's rows.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export async function nextSeq(trx: Transaction<Database> | Kysely<Database>): Promise<number> {
  const row = await trx.updateTable('counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', 'seq')
    .returning('value').executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Splits long id lists so no statement exceeds the bound-parameter limits of SQLite or PostgreSQL. */
export function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export const unique = <T>(list: readonly T[]): T[] => [...new Set(list)];
