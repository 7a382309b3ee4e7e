import { beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb } from './data-helpers';
import { db } from '../../src/data/db';
import { dexieSyncStore } from '../../src/data/sync-store';
import { listEvents, recordEvent } from '../../src/data/events';
import { listMembers, saveMember, setMemberStatus } from '../../src/data/roster';
import { getReport, loadDashboardData, submittedFor, submitReport } from '../../src/data/reports';
import { isValidationError } from '../../src/data/validation';
import { monthPeriod } from '../../src/shared/report';

beforeEach(freshDb);

const event = (hamletIds: string[], extra: Record<string, unknown> = {}) => ({
  kind: 'digital_day' as const, on: '2026-01-31', place: 'Nhà văn hóa bản Nà Hẩu', topic: 'Ngày hội công nghệ số',
  items: ['vneid_l2', 'e_wallet'], attendance: 120, notes: '', hamletIds, ...extra,
});

describe('events', () => {
  it('records an event and its outbox entry together', async () => {
    const { hamlets, member } = await enrolled();
    const e = await recordEvent(event([hamlets[0]!.id]));
    expect(e.memberId).toBe(member.id);
    expect(await listEvents({ from: '2026-01-01', to: '2026-01-31' })).toEqual([e]);
    expect(await listEvents({ from: '2026-02-01', to: '2026-02-28' })).toEqual([]);
    const out = await db.outbox.toArray();
    expect(out.map((o) => [o.mutation.type, o.entityId])).toEqual([['event.create', e.id]]);
  });
  it('rejects bad input and writes nothing', async () => {
    const { hamlets } = await enrolled();
    const err = await recordEvent(event([hamlets[0]!.id], { attendance: -3, place: '  ' })).catch((x) => x);
    expect(isValidationError(err)).toBe(true);
    expect(Object.keys(err.fieldErrors).sort()).toEqual(['attendance', 'place']);
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
  it('saving twice with the same id stores one event', async () => {
    const { hamlets } = await enrolled();
    const id = '01900000-0000-7000-8000-000000000001';
    await recordEvent({ ...event([hamlets[0]!.id]), id });
    await recordEvent({ ...event([hamlets[0]!.id]), id });
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('roster', () => {
  it('proposes a member, then approves: each step a member.put with only the changed fields', async () => {
    const { hamlets } = await enrolled();
    const m = await saveMember({ fields: { name: 'Hà Thị Mai', role: 'member', hamletIds: [hamlets[0]!.id], phone: null } });
    expect(m.status).toBe('proposed');
    const approved = await setMemberStatus(m.id, 'approved', '2026-01-10');
    expect(approved).toMatchObject({ status: 'approved', joinedOn: '2026-01-10' });
    const puts = (await db.outbox.orderBy('seq').toArray()).map((o) => o.mutation);
    expect(puts.map((p) => p.type)).toEqual(['member.put', 'member.put']);
    expect(puts[1]!.type === 'member.put' && Object.keys(puts[1]!.payload.fields).sort()).toEqual(['joinedOn', 'status']);
    expect((await listMembers()).map((x) => x.name)).toContain('Hà Thị Mai');
  });
  it('refuses a leave date before the join date', async () => {
    await enrolled();
    const err = await saveMember({ fields: { name: 'An', role: 'member', hamletIds: [], joinedOn: '2026-02-01', leftOn: '2026-01-01' } }).catch((x) => x);
    expect(isValidationError(err)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('submitted reports', () => {
  it('stores an immutable snapshot with its outbox entry and tells who has submitted', async () => {
    const { hamlets, member } = await enrolled();
    const period = monthPeriod(2026, 1);
    const r = await submitReport({ hamletId: hamlets[0]!.id, period, figures: { 'households.total': 12 }, difficulties: 'Sóng yếu', recommendations: '', commendations: '' },
      Date.parse('2026-02-01T02:00:00Z'));
    expect(r.submittedBy).toBe(member.id);
    expect(await getReport(r.id)).toEqual(r);
    const again = await submitReport({ hamletId: hamlets[0]!.id, period, figures: { 'households.total': 13 }, difficulties: '', recommendations: '', commendations: '' },
      Date.parse('2026-02-02T02:00:00Z'));
    const submitted = await submittedFor(period);
    expect([...submitted.keys()]).toEqual([hamlets[0]!.id]);
    expect(submitted.get(hamlets[0]!.id)?.id).toBe(again.id);
    expect((await db.outbox.toArray()).map((o) => o.mutation.type)).toEqual(['report.submit', 'report.submit']);
  });
  it('loads the dashboard data of the enrolled commune only', async () => {
    const { hamlets } = await enrolled(3);
    await recordEvent(event([hamlets[1]!.id]));
    const data = await loadDashboardData();
    expect(data.hamlets.map((h) => h.id)).toEqual(hamlets.map((h) => h.id));
    expect(data.input.events).toHaveLength(1);
    expect(data.communeName).toBe('Xã Thử');
    expect(data.dataAsOf).toBeNull();
  });

  it('dates the data by the last successful sync, not by a later failed attempt', async () => {
    await enrolled();
    const receipt = (at: string, ok: boolean) => ({
      at, ok, durationMs: 1, sent: { visits: 0, households: 0, persons: 0, removals: 0, other: 0 }, rejected: 0, received: 0, bytesSent: 0, bytesReceived: 0,
    });
    await dexieSyncStore.saveReceipt(receipt('2026-11-20T09:00:00.000Z', true));
    await dexieSyncStore.saveReceipt(receipt('2026-11-21T09:00:00.000Z', false));
    expect((await loadDashboardData()).dataAsOf).toBe('2026-11-20T09:00:00.000Z');
  });
});
