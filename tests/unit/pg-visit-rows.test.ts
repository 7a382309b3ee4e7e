/**
 * The row bytes of PostgreSQL's visits group (server/db/pg-visit-group.ts, D-I6/D-I7): every field and every visit's
 * JSON arrives as the same UTF-8 a text parameter would have carried, whatever the characters and however often the
 * buffer had to grow on the way.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PushJob } from '../../server/db/group-commit';
import { rowsBytes, Utf8Rows } from '../../server/db/pg-visit-group';
import { emptyWrites, type PushWrites } from '../../server/sync/push-types';
import type { Visit } from '../../src/shared/schema';
import { generateDemoCommune } from '../../src/shared/demo';

const US = '\x1f';
const RS = '\x1e';

describe('Utf8Rows', () => {
  it('holds exactly the UTF-8 of what was added, separators between rows, across growth from a tiny buffer', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 4 }), { maxLength: 30 }), (rows) => {
      const out = new Utf8Rows(1); // 16 bytes: most cases grow, several times
      for (const fields of rows) {
        out.row();
        for (const f of fields) out.add(f);
      }
      expect(out.rows).toBe(rows.length);
      expect(out.bytes().equals(Buffer.from(rows.map((f) => f.join('')).join(RS), 'utf8'))).toBe(true);
    }));
  });

  it('keeps Vietnamese and emoji intact when a piece lands exactly at the growth boundary', () => {
    const out = new Utf8Rows(16);
    const ascii = 'a'.repeat(15);
    out.add(ascii);
    out.add('Nguyễn Thị Hoà 👵🏽 đã cài VNeID');
    expect(out.bytes().toString('utf8')).toBe(`${ascii}Nguyễn Thị Hoà 👵🏽 đã cài VNeID`);
  });
});

describe('rowsBytes', () => {
  const demo = generateDemoCommune({ households: 20 });
  const meta = { communeId: demo.commune.id, deviceId: 'device-1', memberId: 'member-1', nowMs: 1_790_000_000_000 };
  const job = { meta } as PushJob<unknown>;

  function batch(visits: Visit[], adjustedFirst = false): PushWrites {
    const w = emptyWrites();
    visits.forEach((visit, i) => {
      w.mutations.push({ id: `m-${visit.id}`, type: 'visit.create', entityId: visit.id, contentHash: `h${i}` });
      w.visits.push({ visit, json: JSON.stringify(visit), adjusted: adjustedFirst && i === 0 });
    });
    return w;
  }
  const split = (b: Buffer) => (b.length === 0 ? [] : b.toString('utf8').split(RS).map((r) => r.split(US)));

  it('writes one row per mutation and per visit, fields in column order, the JSON last and unchanged', () => {
    const notes = 'Bà cụ sống một mình — cần quay lại 👵🏽 "QR" \\ tab\tend';
    const visits = demo.visits.slice(0, 3).map((v, i) => ({ ...v, notes: i === 1 ? notes : v.notes }));
    const [mutations, rows] = rowsBytes([job, job], [batch(visits.slice(0, 2), true), batch(visits.slice(2))])!;
    expect(split(mutations)).toEqual(visits.map((v, i) => [`m-${v.id}`, 'visit.create', v.id, `h${i < 2 ? i : 0}`, meta.communeId, 'device-1', 'member-1', String(meta.nowMs)]));
    expect(split(rows)).toEqual(visits.map((v, i) => [v.id, meta.communeId, v.hamletId, v.householdId, i === 0 ? '' : 'device-1', JSON.stringify(v)]));
    expect(JSON.parse(split(rows)[1]![5]!).notes).toBe(notes);
  });

  it('an empty group gives empty texts; a separator in an id or a missing value refuses the whole group (null)', () => {
    expect(rowsBytes([job], [emptyWrites()])!.map((b) => b.length)).toEqual([0, 0]);
    const v = demo.visits[0]!;
    expect(rowsBytes([job], [batch([{ ...v, householdId: `x${US}y` }])])).toBeNull();
    expect(rowsBytes([{ meta: { ...meta, deviceId: `d${RS}` } } as PushJob<unknown>], [batch([v])])).toBeNull();
    const noHash = batch([v]);
    (noHash.mutations[0] as { contentHash: unknown }).contentHash = null;
    expect(rowsBytes([job], [noHash])).toBeNull();
  });
});
