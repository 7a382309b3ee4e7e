/**
 * Every bad input gets a clear JSON error (or a per-mutation rejection) and leaves the database exactly as it was.
 */
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { ApiError } from '../../src/shared/protocol';
import { PUSH_BATCH_MAX_ITEMS, PUSH_BODY_MAX_BYTES } from '../../src/shared/limits';
import { describeEachDb, type Device } from './harness';
import { householdPut, newHouseholdFields, visitMutation } from './builders';
import { uuidv7 } from '../../src/shared/ids';
import { issueEnrolCode } from '../../server/auth/issue-code';

describeEachDb('bad input', (h) => {
  let member: Device;
  let revoked: Device;
  beforeAll(async () => {
    const m = h().demo.members.find((x) => x.role === 'member')!;
    member = await h().enrolMember(m);
    revoked = await h().enrolMember(m);
    const r = await h().request(`/api/v1/devices/${revoked.deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${(await h().enrolMember(h().demo.members.find((x) => x.role === 'commune_leader')!)).token}` } });
    expect(r.status).toBe(200);
  });
  const home = () => h().demo.households.find((x) => x.hamletId === member.member.hamletIds[0])!;
  const post = (body: string | Buffer, headers: Record<string, string> = {}, device: Device | null = member) =>
    h().request('/api/v1/sync/push', {
      method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'content-type': 'application/json', ...(device ? { authorization: `Bearer ${device.token}` } : {}), ...headers },
    });

  /** Sends a bad request; asserts status, error code, message fragment, JSON shape and that nothing changed. */
  async function refused(send: () => Promise<{ status: number; body: any }>, status: number, code: string, message: RegExp) {
    const before = await h().counts();
    const r = await send();
    expect(r.status).toBe(status);
    expect(ApiError.safeParse(r.body).success).toBe(true);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(message);
    expect(await h().counts()).toEqual(before);
    return r.body;
  }

  it('malformed JSON → 400', () => refused(() => post('{"mutations": [ {'), 400, 'bad_request', /JSON không hợp lệ/));
  it('invalid UTF-8 → 400', () => refused(() => post(Buffer.concat([Buffer.from('{"mutations": ["'), Buffer.from([0xc3, 0x28]), Buffer.from('"]}')])), 400, 'bad_request', /JSON không hợp lệ/));
  it('a leading byte-order mark is accepted, as a browser would send it', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ mutations: [visitMutation(member.member, home())] }))]);
    expect((await post(body)).status).toBe(200);
  });
  it('not JSON content type → 415', () => refused(() => post('{"mutations":[]}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type', /application\/json/));
  it('unknown content encoding → 415', () => refused(() => post('x', { 'content-encoding': 'br' }), 415, 'unsupported_media_type', /br/));
  it('unknown top-level field → 400 with issues', async () => {
    const body = await refused(() => post(JSON.stringify({ mutations: [visitMutation(member.member, home())], extra: 1 })), 400, 'bad_request', /không hợp lệ/);
    expect(body.error.issues.length).toBeGreaterThan(0);
  });
  it('mutations of the wrong type → 400', () => refused(() => post(JSON.stringify({ mutations: 'many' })), 400, 'bad_request', /không hợp lệ/));
  it('empty batch → 400', () => refused(() => post(JSON.stringify({ mutations: [] })), 400, 'bad_request', /không hợp lệ/));
  it('a mutation without id → 400 for the whole batch, nothing written', async () => {
    const { id: _drop, ...noId } = visitMutation(member.member, home());
    await refused(() => post(JSON.stringify({ mutations: [visitMutation(member.member, home()), noId] })), 400, 'bad_request', /thiếu mã thao tác/);
  });
  it('batch longer than the limit → 413 with the reason', () => {
    const m = visitMutation(member.member, home());
    return refused(() => post(JSON.stringify({ mutations: Array.from({ length: PUSH_BATCH_MAX_ITEMS + 1 }, () => m) })), 413, 'too_large', /Lô quá dài.*1000/);
  });
  it('body over the size cap → 413', () => refused(() => post(JSON.stringify({ mutations: [{ id: 'x', pad: 'a'.repeat(PUSH_BODY_MAX_BYTES) }] })), 413, 'too_large', /quá lớn/));
  it('gzip bomb → 413, not an out-of-memory crash', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(PUSH_BODY_MAX_BYTES);
    await refused(() => post(bomb, { 'content-encoding': 'gzip' }), 413, 'too_large', /giải nén/);
    expect((await h().request('/api/v1/health')).status).toBe(200);
  });
  it('corrupt gzip → 400', () => refused(() => post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }), 400, 'bad_request', /gzip/));
  it('missing token → 401', () => refused(() => post(JSON.stringify({ mutations: [visitMutation(member.member, home())] }), {}, null), 401, 'unauthorized', /chưa đăng ký/));
  it('invalid token → 401', () => refused(() => post(JSON.stringify({ mutations: [visitMutation(member.member, home())] }), { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }), 401, 'unauthorized', /không hợp lệ/));
  it('malformed authorization header → 401', () => refused(() => post('{}', { authorization: 'Basic abc' }), 401, 'unauthorized', /không hợp lệ/));
  it('revoked token → 401, on push and pull', async () => {
    await refused(() => post(JSON.stringify({ mutations: [visitMutation(revoked.member, home())] }), {}, revoked), 401, 'unauthorized', /thu hồi/);
    await refused(() => h().pull(revoked), 401, 'unauthorized', /thu hồi/);
  });

  /** Pushes one mutation that must be rejected with the reason, leaving the database unchanged. */
  async function rejected(mutation: unknown, reason: RegExp) {
    const before = await h().counts();
    const r = await h().push(member, [mutation]);
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([{ id: (mutation as { id: string }).id, status: 'rejected', reason: expect.stringMatching(reason) }]);
    expect(await h().counts()).toEqual(before);
  }

  it('wrong types inside a mutation → rejected with the field named', () =>
    rejected({ ...visitMutation(member.member, home()), payload: { ...visitMutation(member.member, home()).payload, catalogueVersion: 'one' } }, /catalogueVersion/));
  it('unknown field inside a mutation → rejected', () =>
    rejected({ ...visitMutation(member.member, home()), payload: { ...visitMutation(member.member, home()).payload, gps: '21.0,105.8' } }, /gps/));
  it('unknown mutation type → rejected', () => rejected({ id: uuidv7(), type: 'household.merge', entityId: uuidv7(), hlc: '001780110000000:0000:a', payload: {} }, /type/));
  it('a visit in another hamlet → rejected as out of scope', () => {
    const elsewhere = h().demo.households.find((x) => !member.member.hamletIds.includes(x.hamletId))!;
    return rejected(visitMutation(member.member, elsewhere), /phạm vi/);
  });
  it('creating a household in another hamlet → rejected', () => {
    const elsewhere = h().demo.hamlets.find((x) => !member.member.hamletIds.includes(x.id))!;
    return rejected(householdPut(uuidv7(), newHouseholdFields(elsewhere.id)), /phạm vi/);
  });
  it('moving an own household into another hamlet → rejected', () => {
    const elsewhere = h().demo.hamlets.find((x) => !member.member.hamletIds.includes(x.id))!;
    return rejected(householdPut(home().id, { hamletId: elsewhere.id }), /phạm vi/);
  });
  it('touching another commune → rejected', async () => {
    const foreign = h().other.households[0]!;
    await rejected(visitMutation(member.member, foreign), /phạm vi/);
    await rejected(householdPut(foreign.id, { note: 'x' }), /phạm vi/);
  });
  it('a visit recorded in another member’s name → rejected', () => {
    const someone = h().demo.members.find((x) => x.id !== member.member.id)!;
    return rejected(visitMutation(someone, home()), /chính người dùng/);
  });
  it('a clock far in the future → rejected', () => rejected({ ...visitMutation(member.member, home()), hlc: '009999999999999:0000:dev1' }, /tương lai/));
  it('a year-0000 date → rejected', () => rejected(visitMutation(member.member, home(), { at: '0000-01-01T00:00:00Z' }), /Năm không hợp lệ/));
  // PostgreSQL would round …59.9996 into the next month where SQLite and the phone truncate: the report would differ.
  it('a visit time finer than a millisecond → rejected', () => rejected(visitMutation(member.member, home(), { at: '2026-01-31T23:59:59.9996Z' }), /phần nghìn giây/));
  it('nesting deeper than the limit → 400 before anything is hashed or written', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    return refused(() => post(`{"mutations":[{"id":"${uuidv7()}","type":"report.submit","payload":{"figures":{"x":${deep}}}}]}`), 400, 'bad_request', /lồng nhau quá sâu/);
  });
  it('text no database can store (NUL, a lone surrogate) is kept as U+FFFD, and the reports still answer', async () => {
    const leader = await h().enrolMember(h().demo.members.find((x) => x.role === 'commune_leader')!);
    const m = visitMutation(member.member, home(), { notes: 'a\u0000b \ud800 c 😀' });
    const r = await h().push(member, [m]);
    expect(r.body.results).toEqual([{ id: m.id, status: 'accepted' }]);
    const stored = (await h().pullAll(leader)).get(m.entityId); // a pull leaves out what the device itself pushed
    expect((stored?.data as { notes?: string } | null)?.notes).toBe('a\uFFFDb \uFFFD c 😀');
    const report = await h().request('/api/v1/reports/counts?from=2026-10-01&to=2026-10-31&kind=month', { headers: { authorization: `Bearer ${leader.token}` } });
    expect(report.status).toBe(200);
  });
  it('a device name with a NUL enrols (as U+FFFD) instead of failing', async () => {
    const m = h().demo.members.find((x) => x.role === 'member')!;
    const { code } = await issueEnrolCode(h().store, { communeId: m.communeId, memberId: m.id, role: m.role, hamletIds: m.hamletIds, createdBy: null }, h().clock.now);
    const r = await h().request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Máy\u0000 của Lan' }) });
    expect(r.status).toBe(201);
  });
  it('a member cannot submit reports or edit the roster', async () => {
    await rejected({ id: uuidv7(), type: 'member.put', entityId: member.member.id, hlc: '001780110000000:0000:a', payload: { fields: { role: 'commune_leader' } } }, /tổ trưởng/);
  });
  it('pull with a forged cursor or bad limit → 400', async () => {
    await refused(() => h().pull(member, 'zzz'), 400, 'bad_request', /cursor/);
    await refused(() => h().pull(member, '', 5000), 400, 'bad_request', /limit/);
  });
  it('reports are mounted behind device auth and leaders only', async () => {
    await refused(() => h().request('/api/v1/reports/counts?from=2026-10-01&to=2026-10-31&kind=month'), 401, 'unauthorized', /chưa đăng ký/);
    await refused(() => h().request('/api/v1/reports/counts?from=2026-10-01&to=2026-10-31&kind=month', { headers: { authorization: `Bearer ${member.token}` } }), 403, 'forbidden', /tổ trưởng/);
  });
  it('unknown API path → 404 JSON; enrol with garbage → 400', async () => {
    await refused(() => h().request('/api/v1/nothing'), 404, 'not_found', /API/);
    await refused(() => h().request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":1}' }), 400, 'bad_request', /đăng ký/);
  });
});
