/**
 * Property (fast-check, 200 runs per database): random interleavings of three devices recording visits and editing
 * one household, syncing with answers lost after the commit, nothing sent at all, and retries in reverse order.
 * Afterwards every visit is on the server exactly once, every field holds the value of its highest-HLC edit, and
 * every device pulls the same household.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { encodeHlc } from '../../src/shared/hlc';
import { uuidv7 } from '../../src/shared/ids';
import { describeEachDb, type Device } from './harness';
import { householdPut, newHouseholdFields, visitMutation } from './builders';

type Field = 'note' | 'phone' | 'label';
const VALUES: Record<Field, string[]> = { note: ['Nhà sàn', 'Hộ mới tách', 'Có người già'], phone: ['0912345678', '0987654321', ''], label: ['Lò Văn Pọm', 'Vi Thị Ban', 'Hà Văn Xăm'] };

const command = fc.oneof(
  fc.record({ kind: fc.constant('visit' as const), device: fc.nat(2) }),
  fc.record({ kind: fc.constant('edit' as const), device: fc.nat(2), field: fc.constantFrom<Field>('note', 'phone', 'label'), value: fc.nat(2), skew: fc.nat(1500) }),
  fc.record({ kind: fc.constant('sync' as const), device: fc.nat(2), cut: fc.constantFrom('none', 'before', 'after'), reverse: fc.boolean() }),
);

describeEachDb('random interleavings of devices, edits, visits, cuts and retries', (h) => {
  let devices: Device[];
  // Each device pulls incrementally from its own cursor and keeps the latest copy of every household it saw.
  const cursors = ['', '', ''];
  const copies = [new Map<string, unknown>(), new Map<string, unknown>(), new Map<string, unknown>()];
  async function pullHousehold(d: number, id: string): Promise<Record<string, unknown>> {
    for (;;) {
      const r = await h().pull(devices[d]!, cursors[d]);
      expect(r.status).toBe(200);
      for (const c of r.body.changes) if (c.entity === 'household') copies[d]!.set(c.id, c.data);
      cursors[d] = r.body.cursor;
      if (!r.body.hasMore) return copies[d]!.get(id) as Record<string, unknown>;
    }
  }
  beforeAll(async () => {
    const m = h().demo.members.find((x) => x.role === 'member')!;
    const team = h().demo.members.filter((x) => x.hamletIds[0] === m.hamletIds[0]);
    devices = [await h().enrolMember(team[0]!), await h().enrolMember(team[1]!), await h().enrolMember(team.find((x) => x.role === 'hamlet_leader')!)];
  });

  it('every visit exactly once; households converge to the highest-HLC value per field', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 14 }), async (commands) => {
      const hamletId = devices[0]!.member.hamletIds[0]!;
      const hid = uuidv7();
      const created = householdPut(hid, newHouseholdFields(hamletId), {}, encodeHlc({ wallMs: 1_000_000, counter: 0, node: 'setup' }));
      expect((await h().push(devices[0]!, [created])).body.results[0]!.status).toBe('accepted');
      const outboxes: unknown[][] = [[], [], []];
      const seen: Record<Field, string>[] = devices.map(() => ({ note: created.hlc, phone: created.hlc, label: created.hlc }));
      const visitIds: string[] = [];
      const edits: { field: Field; value: string; hlc: string }[] = [];
      let step = 0;
      const sync = async (d: number, cut: string, reverse: boolean) => {
        const batch = reverse ? [...outboxes[d]!].reverse() : outboxes[d]!;
        if (cut === 'before' || batch.length === 0) return;
        const r = await h().push(devices[d]!, batch);
        expect(r.status).toBe(200);
        if (cut === 'after') return; // the answer never arrived: everything stays queued
        const done = new Set(r.body.results.filter((x) => x.status === 'accepted' || x.status === 'duplicate').map((x) => x.id));
        expect(r.body.results.every((x) => done.has(x.id))).toBe(true);
        outboxes[d] = outboxes[d]!.filter((m) => !done.has((m as { id: string }).id));
        const state = await pullHousehold(d, hid) as { hlc: Record<Field, string> };
        seen[d] = { note: state.hlc.note, phone: state.hlc.phone, label: state.hlc.label };
      };
      for (const c of commands) {
        step++;
        if (c.kind === 'visit') {
          const v = visitMutation(devices[c.device]!.member, { id: hid, hamletId });
          visitIds.push(v.payload.id);
          outboxes[c.device]!.push(v);
        } else if (c.kind === 'edit') {
          const hlc = encodeHlc({ wallMs: 2_000_000 + step * 1000 + c.skew, counter: 0, node: `d${c.device}` });
          const value = VALUES[c.field][c.value]!;
          edits.push({ field: c.field, value, hlc });
          outboxes[c.device]!.push(householdPut(hid, { [c.field]: value }, { [c.field]: seen[c.device]![c.field] }, hlc));
        } else await sync(c.device, c.cut, c.reverse);
      }
      for (let round = 0; round < 2; round++) for (let d = 0; d < 3; d++) await sync(d, 'none', false);
      expect(outboxes.every((o) => o.length === 0)).toBe(true);
      const rows = visitIds.length ? await h().store.db.selectFrom('visits').select('id').where('id', 'in', visitIds).execute() : [];
      expect(rows.map((r) => r.id).sort()).toEqual([...visitIds].sort());
      const final = await Promise.all(devices.map(async (_, d) => pullHousehold(d, hid)));
      for (const state of final) expect(state).toEqual(final[0]);
      for (const field of ['note', 'phone', 'label'] as Field[]) {
        const winner = edits.filter((e) => e.field === field).sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0];
        expect(final[0]![field]).toBe(winner ? winner.value : created.payload.fields[field]);
      }
    }), { numRuns: 200 });
  }, 600_000);
});
