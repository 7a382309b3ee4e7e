/** Push semantics over HTTP: idempotency, append-only visits, field LWW with conflict flags, removal tombstones. */
import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids';
import { PushResponse } from '../../src/shared/protocol';
import { Household, Person } from '../../src/shared/schema';
import { describeEachDb, type Device } from './harness';
import { hlc, householdDelete, householdPut, newHouseholdFields, personPut, visitMutation } from './builders';

describeEachDb('push', (h) => {
  let member: Device;
  let leader: Device;
  let commune: Device;
  beforeAll(async () => {
    const m = h().demo.members.find((x) => x.role === 'member')!;
    member = await h().enrolMember(m);
    leader = await h().enrolMember(h().demo.members.find((x) => x.role === 'hamlet_leader' && x.hamletIds[0] === m.hamletIds[0])!);
    commune = await h().enrolMember(h().demo.members.find((x) => x.role === 'commune_leader')!);
  });
  const homes = () => h().demo.households.filter((x) => x.hamletId === member.member.hamletIds[0]);
  const stored = async (device: Device, id: string) => (await h().pullAll(device)).get(id)?.data as any;

  it('same id and content → duplicate; same id, other content → conflict and the first stays', async () => {
    const visit = visitMutation(member.member, homes()[0]!);
    expect((await h().push(member, [visit])).body.results).toEqual([{ id: visit.id, status: 'accepted' }]);
    const after = await h().counts();
    expect((await h().push(member, [visit])).body.results).toEqual([{ id: visit.id, status: 'duplicate' }]);
    const changed = { ...visit, payload: { ...visit.payload, notes: 'Nội dung khác' } };
    const r = await h().push(member, [changed]);
    expect(r.body.results[0]).toMatchObject({ id: visit.id, status: 'conflict', reason: expect.stringMatching(/giữ nguyên/) });
    expect(await h().counts()).toEqual(after);
    expect((await stored(leader, visit.payload.id)).notes).toBe('Đã hướng dẫn cài VNeID');
  });

  it('the same batch as UTF-8 and as ASCII JSON is the same content: a resend after an app update is a duplicate', async () => {
    const notes = 'Cụ ông 82 tuổi, mắt kém — đã cài Sổ sức khỏe điện tử 👍';
    const visit = visitMutation(member.member, homes()[2]!, { notes });
    expect((await h().push(member, [visit], { gzip: true })).body.results).toEqual([{ id: visit.id, status: 'accepted' }]);
    expect((await h().push(member, [visit], { gzip: true, ascii: true })).body.results).toEqual([{ id: visit.id, status: 'duplicate' }]);
    const other = visitMutation(member.member, homes()[2]!, { notes });
    expect((await h().push(member, [other], { ascii: true })).body.results).toEqual([{ id: other.id, status: 'accepted' }]);
    expect((await h().push(member, [other])).body.results).toEqual([{ id: other.id, status: 'duplicate' }]);
    expect((await stored(leader, visit.payload.id)).notes).toBe(notes);
    expect((await stored(leader, other.payload.id)).notes).toBe(notes);
  });

  it('answers one result per mutation in request order, duplicates inside one batch included', async () => {
    const a = visitMutation(member.member, homes()[1]!);
    const b = visitMutation(member.member, homes()[1]!);
    const r = await h().push(member, [a, b, a], { gzip: true });
    expect(r.body.results.map((x) => [x.id, x.status])).toEqual([[a.id, 'accepted'], [b.id, 'accepted'], [a.id, 'duplicate']]);
    expect(typeof r.body.serverTime).toBe('string');
  });

  it('compact results list only what was not stored and count the rest; the full form stays the default', async () => {
    const a = visitMutation(member.member, homes()[2]!);
    const b = visitMutation(member.member, homes()[2]!);
    const bad = { ...visitMutation(member.member, homes()[2]!), payload: { nonsense: true } };
    const r = await h().push(member, [a, bad, b, a], { query: 'results=compact' });
    expect(r.status).toBe(200);
    expect(PushResponse.safeParse(r.body).success).toBe(true);
    expect(r.body.acknowledged).toBe(3);
    expect(r.body.results.map((x) => [x.id, x.status])).toEqual([[bad.id, 'rejected']]);
    expect(r.body.results[0]!.reason).toMatch(/không hợp lệ/);
    const full = await h().push(member, [a, b]);
    expect(full.body).toEqual({ results: [{ id: a.id, status: 'duplicate' }, { id: b.id, status: 'duplicate' }], serverTime: expect.any(String) });
  });

  it('gzips a large push response when the client accepts it, and not otherwise', async () => {
    const batch = Array.from({ length: 40 }, () => visitMutation(member.member, homes()[3]!));
    const send = (encoding: string) => fetch(`${h().baseUrl}/api/v1/sync/push`, {
      method: 'POST', body: JSON.stringify({ mutations: batch }),
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json', 'accept-encoding': encoding },
    });
    const zipped = await send('gzip');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const body = PushResponse.parse(await zipped.json());
    expect(body.results.map((x) => x.status)).toEqual(batch.map(() => 'accepted'));
    const plain = await send('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(PushResponse.parse(await plain.json()).results.map((x) => x.status)).toEqual(batch.map(() => 'duplicate'));
  });

  it('visits are append-only: the same visit id under a new mutation id cannot change it', async () => {
    const first = visitMutation(member.member, homes()[2]!);
    await h().push(member, [first]);
    const rewrite = { ...first, id: uuidv7(), payload: { ...first.payload, notes: 'Sửa lại' } };
    expect((await h().push(member, [rewrite])).body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/không sửa được/) });
    const again = { ...first, id: uuidv7() };
    expect((await h().push(member, [again])).body.results[0]!.status).toBe('accepted');
    expect((await stored(leader, first.payload.id)).notes).toBe('Đã hướng dẫn cài VNeID');
  });

  it('concurrent edits of one field: highest HLC wins in any arrival order, and the loser is flagged', async () => {
    const [h1, h2] = [homes()[3]!, homes()[4]!];
    const early = (x: typeof h1) => householdPut(x.id, { label: 'Lò Văn Sớm' }, { label: x.hlc.label! }, hlc('phoneA', Date.now() - 1000));
    const late = (x: typeof h1) => householdPut(x.id, { label: 'Lò Văn Muộn' }, { label: x.hlc.label! }, hlc('phoneB', Date.now()));
    await h().push(member, [early(h1)]);
    await h().push(leader, [late(h1)]);
    await h().push(leader, [late(h2)]);
    await h().push(member, [early(h2)]);
    for (const x of [h1, h2]) {
      const state = Household.parse(await stored(leader, x.id));
      expect(state.label).toBe('Lò Văn Muộn');
      expect(state.conflicts).toEqual([expect.objectContaining({ field: 'label', kept: 'Lò Văn Muộn', lost: 'Lò Văn Sớm' })]);
      expect(state.note).toBe(x.note);
    }
  });

  it('a sequential edit (base = current clock) is not a conflict; a leader can clear a flag, a member cannot', async () => {
    const x = homes()[5]!;
    const first = householdPut(x.id, { phone: '0912345678' }, { phone: x.hlc.phone! });
    await h().push(member, [first]);
    await h().push(leader, [householdPut(x.id, { phone: '0987654321' }, { phone: first.hlc })]);
    let state = Household.parse(await stored(leader, x.id));
    expect([state.phone, state.conflicts]).toEqual(['0987654321', []]);
    await h().push(member, [householdPut(x.id, { note: 'A' }, { note: x.hlc.note! }, hlc('a', Date.now() - 500))]);
    await h().push(leader, [householdPut(x.id, { note: 'B' }, { note: x.hlc.note! })]);
    const resolve = { id: uuidv7(), type: 'conflict.resolve', entityId: x.id, hlc: hlc(), payload: { entity: 'household', field: 'note' } };
    expect((await h().push(member, [resolve])).body.results[0]!.status).toBe('rejected');
    expect((await h().push(leader, [{ ...resolve, id: uuidv7() }])).body.results[0]!.status).toBe('accepted');
    state = Household.parse(await stored(member, x.id));
    expect([state.note, state.conflicts]).toEqual(['B', []]);
  });

  it('a commune leader may name any hamlet of the commune, and no other (household, member, event)', async () => {
    const foreign = uuidv7(); // a hamlet of no commune here (another commune's would be the same: not in this list)
    const own = h().demo.hamlets[3]!.id;
    const hid = uuidv7();
    const base = { hlc: hlc('lead') };
    const event = (hamletIds: string[]) => ({
      id: uuidv7(), type: 'event.create', entityId: uuidv7(), ...base,
      payload: { communeId: commune.member.communeId, hamletIds, kind: 'digital_day', on: '2026-11-20', place: 'Nhà văn hoá', topic: 'VNeID', items: [], attendance: 30, notes: '', memberId: commune.member.id },
    });
    const withId = (m: ReturnType<typeof event>) => ({ ...m, payload: { ...m.payload, id: m.entityId } });
    const memberPut = (hamletIds: string[]) => ({ id: uuidv7(), type: 'member.put', entityId: uuidv7(), ...base, payload: { fields: { name: 'Lù Thị Mai', role: 'member', hamletIds, phone: null, joinedOn: null, leftOn: null, status: 'approved' } } });
    const r = await h().push(commune, [
      householdPut(hid, newHouseholdFields(foreign)), householdPut(uuidv7(), newHouseholdFields(own)),
      memberPut([foreign]), memberPut([own]), withId(event([own, foreign])), withId(event([own])),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.status)).toEqual(['rejected', 'accepted', 'rejected', 'accepted', 'rejected', 'accepted']);
    expect(r.body.results[0]!.reason).toMatch(/phạm vi/);
    expect(await stored(commune, hid)).toBeUndefined();
  });

  it('creates households and persons; a new household needs every field', async () => {
    const hid = uuidv7();
    const pid = uuidv7();
    const partial = householdPut(uuidv7(), { label: 'Thiếu' });
    const r = await h().push(member, [
      householdPut(hid, newHouseholdFields(member.member.hamletIds[0]!)), partial,
      personPut(pid, { householdId: hid, firstName: 'Mai', birthYear: 1990, hasSmartphone: true, sortName: '' }),
    ]);
    expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(Household.parse(await stored(leader, hid)).label).toBe('Lò Văn Mới');
    expect(Person.parse(await stored(leader, pid)).householdId).toBe(hid);
  });

  it('a removal request erases the household, its persons and visits, and reaches every device as a tombstone', async () => {
    const x = homes()[6]!;
    const visit = visitMutation(member.member, x);
    await h().push(member, [visit]);
    const persons = h().demo.persons.filter((p) => p.householdId === x.id);
    expect((await h().push(member, [householdDelete(x.id)])).body.results[0]!.status).toBe('accepted');
    for (const device of [member, leader, commune]) {
      const all = await h().pullAll(device);
      expect(all.get(x.id)).toEqual({ entity: 'household', id: x.id, data: null });
    }
    const erased = await h().store.db.selectFrom('persons').select('data').where('household_id', '=', x.id).execute();
    expect(erased.length).toBe(persons.length);
    expect(erased.every((p) => p.data === null)).toBe(true);
    const visits = await h().store.db.selectFrom('visits').select('data').where('household_id', '=', x.id).execute();
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.every((v) => v.data === null)).toBe(true);
    const later = await h().push(member, [visitMutation(member.member, x), householdPut(x.id, { note: 'x' }), householdDelete(x.id)]);
    expect(later.body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(later.body.results[0]!.reason).toMatch(/đã được xóa/);
  });

  it('concurrent batches (committed together as one group) each keep their own all-or-nothing outcome', async () => {
    const hamletId = member.member.hamletIds[0]!;
    const [a, b, x] = [uuidv7(), uuidv7(), uuidv7()].map((id) => ({ id, hamletId }));
    const setup = await h().push(leader, [a!, b!, x!].map((y) => householdPut(y.id, newHouseholdFields(hamletId))));
    expect(setup.body.results.every((r) => r.status === 'accepted')).toBe(true);
    const shared = visitMutation(member.member, a!);
    const pending = [
      ...Array.from({ length: 8 }, () => h().push(member, Array.from({ length: 50 }, () => visitMutation(member.member, b!)))),
      h().push(member, [shared]), h().push(leader, [visitMutation(leader.member, x!)]), h().push(member, [shared]),
      h().push(leader, [householdDelete(x!.id)]),
    ];
    const replies = await Promise.all(pending);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.slice(0, 8).every((r) => r.body.results.length === 50 && r.body.results.every((x) => x.status === 'accepted'))).toBe(true);
    expect([replies[8]!.body.results[0]!.status, replies[10]!.body.results[0]!.status].sort()).toEqual(['accepted', 'duplicate']);
    expect(replies[11]!.body.results[0]!.status).toBe('accepted');
    const visits = await h().store.db.selectFrom('visits').select('data').where('household_id', '=', x!.id).execute();
    expect(visits.every((v) => v.data === null)).toBe(true);
    const rows = await h().store.db.selectFrom('visits').select('id').where('id', '=', shared.payload.id).execute();
    expect(rows.length).toBe(1);
  });
});
