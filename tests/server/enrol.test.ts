/** Enrolment codes (one-time, expiring, rate limited), leader-issued codes within scope, device list and revocation. */
import { beforeAll, expect, it } from 'vitest';
import { EnrolResponse } from '../../src/shared/protocol';
import { IssueCodeResponse, DevicesResponse } from '../../src/shared/admin-protocol';
import { ENROL_CODE_TTL_MS } from '../../src/shared/limits';
import { describeEachDb, startHarness, type Device, type Harness } from './harness';
import { issueEnrolCode } from '../../server/auth/issue-code';

const enrol = (h: Harness, code: string, deviceName = 'Điện thoại Mai') =>
  h.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName }) });
const issue = (h: Harness, d: Device, body: unknown) =>
  h.request('/api/v1/codes', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` }, body: JSON.stringify(body) });

describeEachDb('enrolment', (h) => {
  let hamletLeader: Device;
  let member: Device;
  let commune: Device;
  beforeAll(async () => {
    hamletLeader = await h().enrolMember(h().demo.members.find((x) => x.role === 'hamlet_leader')!);
    member = await h().enrolMember(h().demo.members.find((x) => x.role === 'member')!);
    commune = await h().enrolMember(h().demo.members.find((x) => x.role === 'commune_leader')!);
  });

  it('a hamlet leader issues a member code for their hamlet; it enrols a new member once, then is spent', async () => {
    const hamlet = hamletLeader.member.hamletIds[0]!;
    const r = await issue(h(), hamletLeader, { role: 'member', hamletIds: [hamlet] });
    expect(r.status).toBe(201);
    const { code, expiresAt } = IssueCodeResponse.parse(r.body);
    expect(Date.parse(expiresAt) - h().clock.now).toBe(ENROL_CODE_TTL_MS);
    const first = await enrol(h(), `${code.slice(0, 4)}-${code.slice(4).toLowerCase()}`);
    expect(first.status).toBe(201);
    const enrolled = EnrolResponse.parse(first.body);
    expect(enrolled.member).toMatchObject({ role: 'member', hamletIds: [hamlet], name: 'Điện thoại Mai', communeId: h().demo.commune.id });
    expect(enrolled.hamlets.length).toBe(18);
    expect(enrolled.token.length).toBeGreaterThanOrEqual(43);
    const stored = await h().store.db.selectFrom('devices').select('token_hash').where('id', '=', enrolled.deviceId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(enrolled.token);
    const before = await h().counts();
    const again = await enrol(h(), code);
    expect([again.status, again.body.error.code, again.body.error.message]).toEqual([401, 'unauthorized', expect.stringMatching(/đã được dùng/)]);
    expect(await h().counts()).toEqual(before);
    const pulled = await h().request('/api/v1/sync/pull', { headers: { authorization: `Bearer ${enrolled.token}` } });
    expect(pulled.status).toBe(200);
  });

  it('codes expire', async () => {
    const { code } = (await issue(h(), commune, { role: 'commune_deputy' })).body;
    h().clock.now += ENROL_CODE_TTL_MS + 1;
    try {
      const before = await h().counts();
      const r = await enrol(h(), code);
      expect([r.status, r.body.error.message]).toEqual([401, expect.stringMatching(/hết hạn/)]);
      expect(await h().counts()).toEqual(before);
    } finally {
      h().clock.now -= ENROL_CODE_TTL_MS + 1;
    }
  });

  it('a code for a member who has left the team, or was removed, is refused and stays unspent', async () => {
    const m = h().demo.members.filter((x) => x.role === 'member' && x.id !== member.member.id).at(-1)!;
    const db = h().store.db;
    const original = (await db.selectFrom('members').select('data').where('id', '=', m.id).executeTakeFirstOrThrow()).data;
    try {
      for (const data of [JSON.stringify({ ...m, status: 'left', leftOn: '2026-11-01' }), null]) {
        const { code } = await issueEnrolCode(h().store, { communeId: m.communeId, memberId: m.id, role: m.role, hamletIds: m.hamletIds, createdBy: null }, h().clock.now);
        await db.updateTable('members').set({ data }).where('id', '=', m.id).execute();
        const before = await h().counts();
        const r = await enrol(h(), code);
        expect([r.status, r.body.error.message]).toEqual([401, expect.stringMatching(/đã rời tổ hoặc không còn trong danh sách/)]);
        expect(await h().counts()).toEqual(before);
        const spent = await db.selectFrom('enrol_codes').select('used_at').where('used_at', 'is not', null).where('member_id', '=', m.id).execute();
        expect(spent).toEqual([]);
      }
    } finally {
      await db.updateTable('members').set({ data: original }).where('id', '=', m.id).execute();
    }
  });

  it('an unknown code is refused without writing anything', async () => {
    const before = await h().counts();
    const r = await enrol(h(), 'ZZZZ-ZZZZ');
    expect([r.status, r.body.error.message]).toEqual([401, 'Mã đăng ký không đúng']);
    expect(await h().counts()).toEqual(before);
  });

  it('leaders issue codes only within their scope; members cannot issue', async () => {
    const other = h().demo.hamlets.find((x) => !hamletLeader.member.hamletIds.includes(x.id))!;
    const before = await h().counts();
    const cases = [
      [member, { role: 'member', hamletIds: member.member.hamletIds }, 403, /Chỉ tổ trưởng/],
      [hamletLeader, { role: 'member', hamletIds: [other.id] }, 403, /Không được cấp mã/],
      [hamletLeader, { role: 'commune_leader' }, 403, /Không được cấp mã/],
      [commune, { role: 'admin' }, 403, /Không được cấp mã/],
      [commune, { role: 'member', hamletIds: [h().other.hamlets[0]!.id] }, 403, /không thuộc xã/],
      [commune, { role: 'member' }, 400, /ít nhất một bản/],
      [commune, { role: 'wizard' }, 400, /không hợp lệ/],
    ] as const;
    for (const [device, body, status, message] of cases) {
      const r = await issue(h(), device, body);
      expect([r.status, r.body.error?.message]).toEqual([status, expect.stringMatching(message)]);
    }
    expect(await h().counts()).toEqual(before);
    const ok = await issue(h(), commune, { memberId: member.member.id });
    expect(ok.status).toBe(201);
    const second = EnrolResponse.parse((await enrol(h(), ok.body.code, 'Máy thứ hai')).body);
    expect(second.member.id).toBe(member.member.id);
  });

  it('leaders list the devices of their scope and revoke one; its token stops working at once', async () => {
    const list = await h().request('/api/v1/devices', { headers: { authorization: `Bearer ${hamletLeader.token}` } });
    expect(list.status).toBe(200);
    const { devices } = DevicesResponse.parse(list.body);
    expect(devices.some((d) => d.id === hamletLeader.deviceId)).toBe(true);
    expect(devices.every((d) => d.hamletIds.some((x) => hamletLeader.member.hamletIds.includes(x)))).toBe(true);
    const all = DevicesResponse.parse((await h().request('/api/v1/devices', { headers: { authorization: `Bearer ${commune.token}` } })).body).devices;
    expect(all.length).toBeGreaterThan(devices.length);
    expect((await h().request('/api/v1/devices', { headers: { authorization: `Bearer ${member.token}` } })).status).toBe(403);
    const victim = await h().enrolMember(h().demo.members.find((x) => x.role === 'member' && x.hamletIds[0] === hamletLeader.member.hamletIds[0])!);
    const revoke = await h().request(`/api/v1/devices/${victim.deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${hamletLeader.token}` } });
    expect(revoke.body).toEqual({ id: victim.deviceId, revoked: true });
    const refused = await h().pull(victim);
    expect([refused.status, refused.body.error.message]).toEqual([401, expect.stringMatching(/thu hồi/)]);
  });
});

it('rate-limits enrolment attempts per client address (429 with Retry-After)', async () => {
  const h = await startHarness('sqlite', { enrolRateLimit: { max: 3, windowMs: 60_000 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await enrol(h, 'ABCD-EFGH')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const r = await enrol(h, 'ABCD-EFGH');
    expect([r.body.error.code, r.body.error.message]).toEqual(['rate_limited', expect.stringMatching(/quá nhiều lần/)]);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    h.clock.now += 60_001;
    expect((await enrol(h, 'ABCD-EFGH')).status).toBe(401);
  } finally {
    await h.close();
  }
});

it('behind a trusted proxy (TRUST_PROXY=1), the limit is per phone: the address the proxy added, not one the phone claims', async () => {
  const h = await startHarness('sqlite', { enrolRateLimit: { max: 2, windowMs: 60_000 }, trustProxy: true });
  const from = (forwarded: string) => h.request('/api/v1/enrol', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded }, body: JSON.stringify({ code: 'ABCD-EFGH', deviceName: 'Điện thoại Mai' }),
  });
  try {
    // Phone A, through the proxy: two attempts, then refused — whatever address it puts in front.
    expect([(await from('10.0.0.1')).status, (await from('10.0.0.1')).status, (await from('1.2.3.4, 10.0.0.1')).status]).toEqual([401, 401, 429]);
    // Phone B, behind the same proxy, is not blocked by A's attempts.
    expect((await from('10.0.0.2')).status).toBe(401);
  } finally {
    await h.close();
  }
});

it('only refused attempts count: more phones than the limit enrol from one address (one cultural-house Wi-Fi)', async () => {
  const h = await startHarness('sqlite', { enrolRateLimit: { max: 2, windowMs: 60_000 } });
  try {
    const members = h.demo.members.slice(0, 4);
    for (const m of members) await h.enrolMember(m); // throws unless 201
    expect([(await enrol(h, 'ABCD-EFGH')).status, (await enrol(h, 'ABCD-EFGH')).status, (await enrol(h, 'ABCD-EFGH')).status]).toEqual([401, 401, 429]);
  } finally {
    await h.close();
  }
});
