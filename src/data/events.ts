/**
 * Team events (Ngày hội công nghệ số, group sessions at the community house). An event is an immutable fact like a
 * visit: written once with its outbox entry in one strict transaction, synced later; a correction is a new event.
 */
import { db, type DemoFlag } from './db';
import { getMeta, nextHlc, type DemoIdentity, type Device } from './meta';
import { outboxRow } from './outbox';
import { validation, ValidationError, type FieldIssue } from './validation';
import type { TeamEvent } from '../shared/schema';
import { uuidv7 } from '../shared/ids';

export interface EventInput {
  /** Optional id chosen when the form opened: saving twice (double tap) stores one event. */
  id?: string;
  kind: TeamEvent['kind'];
  on: string;
  place: string;
  topic: string;
  items: string[];
  attendance: number;
  notes: string;
  hamletIds: string[];
}

/** Who is writing: the enrolled member, or the local demo identity when the device only has the demo commune. */
export interface Writer { memberId: string; communeId: string; demo: boolean }

export async function currentWriter(): Promise<Writer> {
  const device = await getMeta<Device>('device');
  if (device) return { memberId: device.member.id, communeId: device.commune.id, demo: false };
  const demo = await getMeta<DemoIdentity>('demo');
  if (demo) return { memberId: demo.memberId, communeId: demo.communeId, demo: true };
  throw new ValidationError([{ path: '', message: 'Thiết bị chưa được đăng ký với tổ. Hãy nhập mã đăng ký trước.' }]);
}

export const demoFlag = (demo: boolean): DemoFlag => (demo ? { demo: 1 } : {});
export function withoutDemo<T extends DemoFlag>(row: T): Omit<T, 'demo'> {
  const { demo: _demo, ...rest } = row;
  return rest;
}

/** Records an event. Offline-safe: the event and its outbox entry commit together or not at all. */
export async function recordEvent(input: EventInput, now: number = Date.now()): Promise<TeamEvent> {
  // Schemas load on first use; never await a foreign promise inside a Dexie transaction (it would commit early).
  const { schema, parseInto } = await validation();
  return db.transaction('rw', [db.events, db.outbox, db.meta], async () => {
    if (input.id) {
      const existing = await db.events.get(input.id);
      if (existing) return withoutDemo(existing);
    }
    const writer = await currentWriter();
    const issues: FieldIssue[] = [];
    const event: TeamEvent | undefined = parseInto(schema.TeamEvent, {
      ...input, id: input.id ?? uuidv7(now), communeId: writer.communeId, memberId: writer.memberId,
      hamletIds: [...new Set(input.hamletIds)], items: [...new Set(input.items)],
    }, '', issues);
    if (!event) throw new ValidationError(issues);
    const hlc = await nextHlc(now);
    await db.events.add({ ...event, ...demoFlag(writer.demo) });
    await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'event.create', entityId: event.id, hlc, payload: event }, null, writer.demo, now));
    return event;
  });
}

/** Events, newest first; optionally only those on dates within [from, to]. */
export async function listEvents(range?: { from: string; to: string }): Promise<TeamEvent[]> {
  const rows = range
    ? await db.events.where('on').between(range.from, range.to, true, true).toArray()
    : await db.events.toArray();
  return rows.map(withoutDemo).sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : a.id < b.id ? 1 : -1));
}
