/**
 * Group commit (server/db/group-commit.ts, push-writes.ts): several devices' batches in ONE transaction, written with
 * one statement per table. Batches are queued directly (announced first, so they surely share one group; rows of one
 * group share one seq) to check that one failing batch does not sink the others, and that combining writes gives
 * the same rows as writing batch by batch (a later batch's state wins; a move sees the earlier batch's visits).
 */
import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids';
import type { PushJob } from '../../server/db/group-commit';
import { describeEachDb, type Device } from './harness';
import { inOneGroup, pushJob } from './push-jobs';
import { hlc, householdPut, newHouseholdFields, visitMutation } from './builders';

describeEachDb('group commit', (h) => {
  let member: Device;
  let commune: Device;
  beforeAll(async () => {
    member = await h().enrolMember(h().demo.members.find((x) => x.role === 'member')!);
    commune = await h().enrolMember(h().demo.members.find((x) => x.role === 'commune_leader')!);
  });
  // A row the database refuses (household_id is NOT NULL): this batch's writes fail inside the shared INSERT.
  const badRow = (planned: { writes: { visits: { visit: unknown }[] } }) => {
    for (const v of planned.writes.visits) (v.visit as { householdId: string | null }).householdId = null;
  };
  const job = (d: Device, raw: unknown[], spoil?: 'bad-row') => pushJob(d, raw, spoil ? badRow : undefined);
  const together = <R>(jobs: PushJob<R>[]) => Promise.allSettled(inOneGroup(h().store, jobs));

  const visitRows = (ids: string[]) => h().store.db.selectFrom('visits').select(['id', 'seq', 'hamlet_id', 'origin_device']).where('id', 'in', ids).execute();
  const home = () => h().demo.households.find((x) => x.hamletId === member.member.hamletIds[0])!;

  it('one batch failing in the shared statement is retried alone: the other devices\' batches still commit', async () => {
    const first = [visitMutation(member.member, home()), visitMutation(member.member, home())];
    const bad = [visitMutation(member.member, home())];
    const last = [visitMutation(commune.member, home())];
    const outcome = await together([job(member, first), job(member, bad, 'bad-row'), job(commune, last)]);
    expect(outcome.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    for (const o of [outcome[0]!, outcome[2]!]) {
      expect(o.status === 'fulfilled' && o.value.every((r) => r.status === 'accepted')).toBe(true);
    }
    const rows = await visitRows([...first, ...bad, ...last].map((m) => m.payload.id));
    expect(rows.map((r) => r.id).sort()).toEqual([...first, ...last].map((m) => m.payload.id).sort());
    expect(rows.find((r) => r.id === last[0]!.payload.id)!.origin_device).toBe(commune.deviceId);
    const mutations = await h().store.db.selectFrom('mutations').select('id').where('id', 'in', [...first, ...bad, ...last].map((m) => m.id)).execute();
    expect(mutations.length).toBe(3);
  });

  it('batches of one group share one seq, and a later batch\'s state of a household is the one stored', async () => {
    const hamletId = member.member.hamletIds[0]!;
    const id = uuidv7();
    await h().push(commune, [householdPut(id, newHouseholdFields(hamletId))]);
    const early = householdPut(id, { label: 'Trước' }, {}, hlc('dev1', Date.now()));
    const late = householdPut(id, { label: 'Sau' }, {}, hlc('dev2', Date.now() + 1000));
    const visit = visitMutation(member.member, { id, hamletId });
    const outcome = await together([job(commune, [early]), job(member, [visit]), job(commune, [late])]);
    expect(outcome.every((o) => o.status === 'fulfilled')).toBe(true);
    const row = await h().store.db.selectFrom('households').select(['seq', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data!).label).toBe('Sau');
    const [v] = await visitRows([visit.payload.id]);
    expect(v!.seq).toBe(row.seq);
  });

  it('a household moved by a later batch of the group takes along the visit an earlier batch added', async () => {
    const [from, to] = h().demo.hamlets.map((x) => x.id);
    const id = uuidv7();
    await h().push(commune, [householdPut(id, newHouseholdFields(from!))]);
    const visit = visitMutation(commune.member, { id, hamletId: from! });
    const move = householdPut(id, { hamletId: to! }, {}, hlc('dev3', Date.now() + 2000));
    const outcome = await together([job(commune, [visit]), job(commune, [move])]);
    expect(outcome.every((o) => o.status === 'fulfilled')).toBe(true);
    const [v] = await visitRows([visit.payload.id]);
    expect(v!.hamlet_id).toBe(to);
    expect(v!.origin_device).toBeNull(); // re-sequenced: goes to every device again, its creator included
  });
});
