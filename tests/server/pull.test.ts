/** Pull over HTTP: only the caller's scope, bounded pages, a monotonic cursor, tombstones for households that left. */
import { beforeAll, expect, it } from 'vitest';
import { PullResponse } from '../../src/shared/protocol';
import { describeEachDb, type Device } from './harness';
import { householdPut, visitMutation } from './builders';

describeEachDb('pull', (h) => {
  let member: Device;
  let otherHamlet: Device;
  let commune: Device;
  let foreign: Device;
  beforeAll(async () => {
    const m = h().demo.members.find((x) => x.role === 'member')!;
    member = await h().enrolMember(m);
    otherHamlet = await h().enrolMember(h().demo.members.find((x) => x.role === 'member' && x.hamletIds[0] !== m.hamletIds[0])!);
    commune = await h().enrolMember(h().demo.members.find((x) => x.role === 'commune_leader')!);
    foreign = await h().enrolMember(h().other.members.find((x) => x.role === 'commune_leader')!);
  });

  it('a member sees only their hamlets’ households, persons and visits, plus the commune roster and hamlet list', async () => {
    const all = await h().pullAll(member);
    const mine = new Set(member.member.hamletIds);
    const kinds = (e: string) => [...all.values()].filter((c) => c.entity === e);
    expect(kinds('household').length).toBe(h().demo.households.filter((x) => mine.has(x.hamletId)).length);
    for (const c of kinds('household')) expect(mine.has((c.data as { hamletId: string }).hamletId)).toBe(true);
    for (const c of kinds('visit')) expect(mine.has((c.data as { hamletId: string }).hamletId)).toBe(true);
    const myHouseholds = new Set(kinds('household').map((c) => c.id));
    for (const c of kinds('person')) expect(myHouseholds.has((c.data as { householdId: string }).householdId)).toBe(true);
    expect(kinds('hamlet').length).toBe(18);
    expect(kinds('commune').map((c) => c.id)).toEqual([h().demo.commune.id]);
    expect(kinds('member').length).toBe(h().demo.members.length);
  });

  it('a commune leader sees every hamlet of the commune and nothing of another commune', async () => {
    const all = await h().pullAll(commune);
    expect([...all.values()].filter((c) => c.entity === 'household').length).toBe(h().demo.households.length);
    const foreignIds = new Set([h().other.commune.id, ...h().other.households.map((x) => x.id), ...h().other.visits.map((x) => x.id)]);
    expect([...all.keys()].some((id) => foreignIds.has(id))).toBe(false);
    const theirs = await h().pullAll(foreign);
    const ours = new Set([h().demo.commune.id, ...h().demo.households.map((x) => x.id), ...h().demo.members.map((x) => x.id)]);
    expect([...theirs.keys()].some((id) => ours.has(id))).toBe(false);
    expect(theirs.size).toBeGreaterThan(0);
  });

  it('pages are bounded, the cursor moves forward, nothing is repeated or missed, and new changes follow', async () => {
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const r = await h().pull(member, cursor, 7);
      expect(r.status).toBe(200);
      expect(PullResponse.safeParse(r.body).success).toBe(true);
      expect(r.body.changes.length).toBeLessThanOrEqual(7);
      if (r.body.hasMore) expect(r.body.cursor).not.toBe(cursor);
      seen.push(...r.body.changes.map((c) => c.id));
      cursor = r.body.cursor;
      pages++;
      if (!r.body.hasMore) break;
    }
    expect(pages).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await h().pullAll(member)).size);
    const idle = await h().pull(member, cursor);
    expect([idle.body.changes.length, idle.body.hasMore, idle.body.cursor]).toEqual([0, false, cursor]);
    const home = h().demo.households.find((x) => x.hamletId === member.member.hamletIds[0])!;
    const visit = visitMutation(commune.member, home);
    await h().push(commune, [visit]);
    const next = await h().pull(member, cursor);
    expect(next.body.changes.map((c) => c.id)).toEqual([visit.payload.id]);
  });

  it('does not echo a device’s own visits back to it, but sends them to other devices, and the cursor moves past them', async () => {
    const start = { own: (await h().pull(member, '', 2000)).body.cursor, other: (await h().pull(commune, '', 2000)).body.cursor };
    const home = h().demo.households.find((x) => x.hamletId === member.member.hamletIds[0])!;
    const visits = Array.from({ length: 5 }, () => visitMutation(member.member, home));
    const edit = householdPut(home.id, { phone: '0912345678' }, { phone: home.hlc.phone ?? null });
    // A visit whose hamlet the server corrects (the household "moved" since): its creator must get the fix.
    const stale = visitMutation(member.member, { id: home.id, hamletId: otherHamlet.member.hamletIds[0]! });
    const r = await h().push(member, [...visits, edit, stale]);
    expect(r.body.results.map((x) => x.status)).toEqual(Array(7).fill('accepted'));
    // Small pages: some come back empty with hasMore, yet the cursor always moves and the walk ends.
    const own: string[] = [];
    let cursor = start.own;
    for (let page = 0; ; page++) {
      expect(page).toBeLessThan(20);
      const p = await h().pull(member, cursor, 2);
      expect(p.status).toBe(200);
      own.push(...p.body.changes.map((c) => c.id));
      if (p.body.hasMore) expect(p.body.cursor).not.toBe(cursor);
      cursor = p.body.cursor;
      if (!p.body.hasMore) break;
    }
    expect(own).toEqual([home.id, stale.payload.id]); // the merged household and the corrected visit, no other visit
    const idle = await h().pull(member, cursor);
    expect([idle.body.changes.length, idle.body.hasMore, idle.body.cursor]).toEqual([0, false, cursor]);
    const other = await h().pull(commune, start.other, 2000);
    expect(other.body.changes.filter((c) => c.entity === 'visit').map((c) => c.id).sort()).toEqual([...visits, stale].map((v) => v.payload.id).sort());
    expect(other.body.changes.some((c) => c.id === home.id)).toBe(true);
  });

  it('a household moved to another hamlet reaches the old hamlet as a tombstone and the new one as data', async () => {
    const x = h().demo.households.find((y) => y.hamletId === member.member.hamletIds[0])!;
    const start = { old: (await h().pull(member, '', 2000)).body.cursor, next: (await h().pull(otherHamlet, '', 2000)).body.cursor };
    const r = await h().push(commune, [householdPut(x.id, { hamletId: otherHamlet.member.hamletIds[0]! }, { hamletId: x.hlc.hamletId! })]);
    expect(r.body.results[0]!.status).toBe('accepted');
    const old = await h().pull(member, start.old);
    expect(old.body.changes.find((c) => c.id === x.id)).toEqual({ entity: 'household', id: x.id, data: null });
    const moved = await h().pull(otherHamlet, start.next);
    expect((moved.body.changes.find((c) => c.id === x.id)?.data as { hamletId: string }).hamletId).toBe(otherHamlet.member.hamletIds[0]);
    const persons = h().demo.persons.filter((p) => p.householdId === x.id).map((p) => p.id);
    expect(moved.body.changes.filter((c) => persons.includes(c.id)).length).toBe(persons.length);
  });

  it('an edit after a move still tombstones the household for an old-hamlet phone that had not pulled in between', async () => {
    const x = h().demo.households.filter((y) => y.hamletId === member.member.hamletIds[0])[2]!;
    const start = (await h().pull(member, '', 2000)).body.cursor;
    const to = otherHamlet.member.hamletIds[0]!;
    expect((await h().push(commune, [householdPut(x.id, { hamletId: to }, { hamletId: x.hlc.hamletId! })])).body.results[0]!.status).toBe('accepted');
    expect((await h().push(commune, [householdPut(x.id, { note: 'Đã chuyển sang bản mới' }, { note: x.hlc.note ?? null })])).body.results[0]!.status).toBe('accepted');
    const old = await h().pull(member, start, 2000);
    expect(old.body.changes.find((c) => c.id === x.id)).toEqual({ entity: 'household', id: x.id, data: null });
  });

  it('a visit pushed in the same batch as its household\'s move goes to the new hamlet with it', async () => {
    const x = h().demo.households.filter((y) => y.hamletId === member.member.hamletIds[0])[3]!;
    const start = (await h().pull(otherHamlet, '', 2000)).body.cursor;
    const visit = visitMutation(commune.member, x);
    const move = householdPut(x.id, { hamletId: otherHamlet.member.hamletIds[0]! }, { hamletId: x.hlc.hamletId! });
    expect((await h().push(commune, [visit, move])).body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const moved = await h().pull(otherHamlet, start, 2000);
    expect(moved.body.changes.map((c) => c.id)).toContain(visit.payload.id);
  });

  it('answers gzip when the client accepts it', async () => {
    const res = await fetch(`${h().baseUrl}/api/v1/sync/pull`, { headers: { authorization: `Bearer ${commune.token}`, 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(PullResponse.safeParse(await res.json()).success).toBe(true);
    const plain = await fetch(`${h().baseUrl}/api/v1/sync/pull`, { headers: { authorization: `Bearer ${commune.token}`, 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });
});
