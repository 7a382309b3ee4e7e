/**
 * The pull cursor, opaque to clients: "<seq base36>.<table index>.<last id>" of the last change they received.
 * The empty cursor means "from the beginning". Cursors only ever move forward.
 */
import { ENTITY_KINDS } from '../../src/shared/protocol';
import type { PullPosition } from '../db';

export const START: PullPosition = { seq: 0, table: ENTITY_KINDS.length, id: '' };

export function encodeCursor(p: PullPosition): string {
  return p.seq === 0 ? '' : `${p.seq.toString(36)}.${p.table}.${p.id}`;
}

/** Returns null for a cursor this server never issued. */
export function decodeCursor(text: string | undefined): PullPosition | null {
  if (text === undefined || text === '') return START;
  const m = /^([0-9a-z]{1,11})\.(\d)\.([0-9a-f-]{36})$/.exec(text);
  if (!m) return null;
  const table = Number(m[2]);
  if (table >= ENTITY_KINDS.length) return null;
  return { seq: parseInt(m[1]!, 36), table, id: m[3]! };
}
