/**
 * The connection cut before, during and after the server commits a push: the client sees an error, retries, and in
 * every case each visit ends up on the server exactly once (accepted the first time, duplicate afterwards).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Device } from './harness';
import { visitMutation } from './builders';
import { postOnce, startCutProxy, type CutMode, type CutProxy } from './cut-proxy';

describeEachDb('connection cuts', (h) => {
  let device: Device;
  let proxy: CutProxy;
  beforeAll(async () => {
    device = await h().enrolMember(h().demo.members.find((x) => x.role === 'member')!);
    proxy = await startCutProxy(Number(new URL(h().baseUrl).port));
  });
  afterAll(() => proxy.close());

  const batch = (n: number) => {
    const homes = h().demo.households.filter((x) => x.hamletId === device.member.hamletIds[0]);
    return Array.from({ length: n }, (_, i) => visitMutation(device.member, homes[i % homes.length]!, { notes: `Lượt ${i}` }));
  };
  const send = (mode: CutMode, mutations: unknown[]) => {
    proxy.mode = mode;
    return postOnce(proxy.port, '/api/v1/sync/push', { 'content-type': 'application/json', authorization: `Bearer ${device.token}` }, JSON.stringify({ mutations }));
  };
  const visitCount = async (ids: string[]) =>
    (await h().store.db.selectFrom('visits').select('id').where('id', 'in', ids).execute()).length;

  const cases: [CutMode, 'none' | 'all'][] = [['before', 'none'], ['during', 'none'], ['after', 'all']];
  for (const [mode, committed] of cases) {
    it(`cut ${mode} the commit: the client errs, the batch is ${committed === 'all' ? 'kept whole' : 'not written'}, the retry completes it`, async () => {
      const mutations = batch(300);
      const ids = mutations.map((m) => m.payload.id);
      const before = await h().counts();
      await expect(send(mode, mutations)).rejects.toThrow();
      // The server finishes (or abandons) the request on its own; wait until it settles.
      for (let i = 0; i < 50 && (await visitCount(ids)) !== (committed === 'all' ? ids.length : 0); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await visitCount(ids)).toBe(committed === 'all' ? ids.length : 0);
      if (committed === 'none') expect(await h().counts()).toEqual(before);
      const retry = await send('pass', mutations);
      expect(retry.status).toBe(200);
      expect(new Set(retry.body.results.map((r: { status: string }) => r.status))).toEqual(new Set([committed === 'all' ? 'duplicate' : 'accepted']));
      const again = await send('pass', [...mutations].reverse());
      expect(again.body.results.every((r: { status: string }) => r.status === 'duplicate')).toBe(true);
      expect(await visitCount(ids)).toBe(ids.length);
      expect((await h().counts()).visits).toBe(before.visits! + ids.length);
      expect((await h().request('/api/v1/health')).status).toBe(200);
    });
  }
});
