/**
 * A group of visits-only batches (on PostgreSQL the fast path of server/db/pg-visit-group.ts, D-I4) answers and stores
 * exactly what the general path does: replays inside and across groups, conflicts, rejections, a visit that follows
 * its household's hamlet, the same visit under a second mutation id, one seq per group, a rolled-back group that
 * accepted nothing. On PostgreSQL the same scenario also runs through the general path (a store view without the push
 * connection) and both outcomes are compared; on SQLite it checks the one path against the same expectations.
 */
import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids';
import type { PushResult } from '../../src/shared/protocol';
import type { Household } from '../../src/shared/schema';
import type { Store } from '../../server/db';
import type { PushJob } from '../../server/db/group-commit';
import { describeEachDb, type Device } from './harness';
import { inOneGroup, pushJob } from './push-jobs';
import { visitMutation } from './builders';

type Raw = ReturnType<typeof visitMutation>;

describeEachDb('visits-only group commit', (h) => {
  let member: Device;
  let leader: Device;
  beforeAll(async () => {
    member = await h().enrolMember(h().demo.members.find((x) => x.role === 'member')!);
    leader = await h().enrolMember(h().demo.members.find((x) => x.role === 'commune_leader')!);
  });

  const job = pushJob;
  /** Commits the jobs as one group (announced first, as pushes still arriving would be). */
  const together = (store: Store, jobs: PushJob<PushResult[]>[]) => Promise.all(inOneGroup(store, jobs));

  const seqNow = async (store: Store) => Number((await store.db.selectFrom('counters').select('value').where('name', '=', 'seq').executeTakeFirstOrThrow()).value);
  const visitRows = (store: Store, ids: string[]) => store.db.selectFrom('visits').select(['id', 'seq', 'hamlet_id', 'origin_device', 'data']).where('id', 'in', ids).orderBy('id').execute();

  /** One scenario on `store`: a first group, then a mixed group; returns statuses and what was stored. */
  async function scenario(store: Store) {
    const mine = h().demo.households.filter((x) => x.hamletId === member.member.hamletIds[0]);
    const elsewhere = h().demo.households.find((x) => !member.member.hamletIds.includes(x.hamletId))!;
    const other = h().demo.hamlets.find((x) => x.id !== mine[0]!.hamletId)!.id;
    const v = (d: Device, home: Pick<Household, 'id' | 'hamletId'>, over = {}) => visitMutation(d.member, home, over);
    const stored = v(member, mine[0]!);
    const first = await together(store, [job(member, [stored])]);

    const fresh = [v(member, mine[1]!), v(member, mine[2]!)];
    const otherContent = { ...stored, hlc: v(member, mine[0]!).hlc };
    const followsHousehold = v(leader, { id: mine[3]!.id, hamletId: other }); // claims a hamlet the household is not in
    const sameVisit = { ...v(member, mine[4]!), id: uuidv7() };
    const sameVisitAgain = { ...sameVisit, id: uuidv7() }; // the same visit under a second mutation id
    const groupJobs = [
      job(member, [fresh[0]!, stored, otherContent, sameVisit]),
      job(leader, [followsHousehold, v(leader, { id: uuidv7(), hamletId: other })]),
      job(member, [fresh[0]!, fresh[1]!, v(member, elsewhere), sameVisitAgain]),
    ];
    const before = await seqNow(store);
    const second = await together(store, groupJobs);
    const after = await seqNow(store);
    const allReplays = await together(store, [job(member, [stored, fresh[1]!])]);
    const unchanged = await seqNow(store);

    const ids = [...fresh, followsHousehold, sameVisit].map((m) => (m as Raw).payload.id);
    const rows = await visitRows(store, ids);
    const mutations = await store.db.selectFrom('mutations').select(['id', 'device_id', 'status']).where('id', 'in', [fresh[0]!.id, sameVisitAgain.id]).orderBy('id').execute();
    return {
      statuses: [first, second, allReplays].map((g) => g.map((batch) => batch.map((r) => r.status))),
      seqStep: after - before, replaysKeepSeq: unchanged === after,
      rows: rows.map((r) => ({
        seqIsGroup: r.seq === after,
        hamlet: r.hamlet_id === other ? 'other' : r.hamlet_id === mine[0]!.hamletId ? 'mine' : r.hamlet_id,
        origin: r.origin_device === null ? null : r.origin_device === member.deviceId ? 'member' : r.origin_device === leader.deviceId ? 'leader' : r.origin_device,
        followed: r.id === followsHousehold.payload.id ? JSON.parse(r.data!).hamletId === mine[3]!.hamletId : null,
      })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      mutations: mutations.map((m) => ({ device: m.device_id === member.deviceId, status: m.status })),
    };
  }

  const expected = {
    statuses: [
      [['accepted']],
      [
        ['accepted', 'duplicate', 'conflict', 'accepted'],
        ['accepted', 'rejected'],
        ['duplicate', 'accepted', 'rejected', 'accepted'],
      ],
      [['duplicate', 'duplicate']],
    ],
    seqStep: 1, replaysKeepSeq: true,
    rows: [
      // fresh[0], fresh[1], sameVisit: the member's own, not echoed back to it; the moved one goes to every device.
      { seqIsGroup: true, hamlet: 'mine', origin: 'member', followed: null },
      { seqIsGroup: true, hamlet: 'mine', origin: 'member', followed: null },
      { seqIsGroup: true, hamlet: 'mine', origin: 'member', followed: null },
      { seqIsGroup: true, hamlet: 'mine', origin: null, followed: true },
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    mutations: [{ device: true, status: 'accepted' }, { device: true, status: 'accepted' }],
  };

  it('replays, conflicts, rejections and new visits in one group: same answers and rows as expected', async () => {
    expect(await scenario(h().store)).toEqual(expected);
  });

  it('PostgreSQL: the fast path and the general path give the same outcome', async () => {
    if (h().kind !== 'postgres') return;
    expect(h().store.pushPool).toBeDefined();
    // The same store without its push connection takes the general path (its own group queue: a separate object).
    const general: Store = { ...h().store, pushPool: undefined };
    const fast = await scenario(h().store);
    expect(await scenario(general)).toEqual(fast);
  });
  it('Vietnamese, emoji, quotes and backslashes in a visit arrive in the stored row as sent (UTF-8 row bytes)', async () => {
    const homes = h().demo.households.filter((x) => x.hamletId === member.member.hamletIds[0]);
    // (Line breaks and tabs are folded to spaces by validation on either path, so none here.)
    const notes = 'Bà Nguyễn Thị Hoà 👵🏽 đã cài VNeID mức 2 — "QR" \\ ½ 中文 ﷽';
    const raws = homes.slice(0, 3).map((home, i) => visitMutation(member.member, home, { notes: `${notes} ${i}` }));
    const [results] = await together(h().store, [job(member, raws)]);
    expect(results!.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const rows = await visitRows(h().store, raws.map((r) => r.payload.id));
    expect(rows.map((r) => JSON.parse(r.data!).notes).sort()).toEqual(raws.map((_, i) => `${notes} ${i}`));
  });

  it('a separator character in a written field does not shift columns: the group is stored value by value', async () => {
    const home = h().demo.households.find((x) => x.hamletId === member.member.hamletIds[0])!;
    const raw = visitMutation(member.member, home);
    const odd = 'hash\x1fwith\x1eseparators';
    // The plan's hash is the only free text the fast path's row text would carry; the written value must survive.
    const [results] = await together(h().store, [job(member, [raw], (p) => { p.writes.mutations[0]!.contentHash = odd; })]);
    expect(results!.map((r) => r.status)).toEqual(['accepted']);
    const m = await h().store.db.selectFrom('mutations').select(['content_hash', 'entity_id', 'device_id']).where('id', '=', raw.id).executeTakeFirstOrThrow();
    expect(m).toEqual({ content_hash: odd, entity_id: raw.payload.id, device_id: member.deviceId });
    const v = await visitRows(h().store, [raw.payload.id]);
    expect(v.map((r) => [r.hamlet_id, r.origin_device, JSON.parse(r.data!).id])).toEqual([[home.hamletId, member.deviceId, raw.payload.id]]);
  });
});
