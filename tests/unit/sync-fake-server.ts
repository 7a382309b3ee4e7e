/**
 * An in-memory server speaking the sync protocol (/api/v1/sync/push and /pull), with fault injection: connections
 * cut before or after the commit, 5xx, 413 above a batch size. The reference the engine is tested against until
 * (and besides) the real Hono app.
 */
import { applyPut } from '../../src/shared/merge';
import { Mutation, type Change, type PushResult } from '../../src/shared/protocol';
import type { Household, Person, Visit } from '../../src/shared/schema';

export type Fault = 'cut-before' | 'cut-after' | 'status-500' | 'status-429' | 'status-401' | 'garbage';

export class FakeServer {
  readonly mutations = new Map<string, string>();
  readonly households = new Map<string, Household>();
  readonly persons = new Map<string, Person>();
  readonly visits = new Map<string, Visit>();
  readonly removed = new Set<string>();
  private log: { seq: number; entity: 'household' | 'person' | 'visit'; id: string }[] = [];
  private seq = 0;
  /** Consumed one per request. */
  faults: Fault[] = [];
  maxBatch = Infinity;
  pushSizes: number[] = [];
  /** Answer `?results=compact` (false = an older server that ignores it); `miscount` corrupts the count. */
  compact = false;
  miscount = 0;
  gzipBodies = 0;
  /** Push bodies holding any byte outside ASCII (the engine escapes it all, D-I7). */
  nonAsciiBodies = 0;
  requests = 0;
  constructor(readonly communeId: string, readonly token = 'secret-token', readonly pageSize = 3) {}

  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    this.requests++;
    const fault = this.faults.shift();
    if (fault === 'cut-before') throw new TypeError('network error (cut before commit)');
    if (fault === 'status-500') return json(500, { error: { code: 'internal', message: 'boom' } });
    if (fault === 'status-429') return json(429, { error: { code: 'rate_limited', message: 'slow down' } });
    const headers = new Headers(init.headers);
    if (fault === 'status-401' || headers.get('authorization') !== `Bearer ${this.token}`) return json(401, { error: { code: 'unauthorized', message: 'no' } });
    const u = new URL(url);
    let response: Response;
    if (u.pathname === '/api/v1/sync/push') {
      let text: string;
      if (headers.get('content-encoding') === 'gzip') {
        this.gzipBodies++;
        const stream = new Blob([init.body as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
        text = await new Response(stream).text();
      } else text = String(init.body);
      if (/[^\x00-\x7f]/.test(text)) this.nonAsciiBodies++;
      const { mutations } = JSON.parse(text) as { mutations: unknown[] };
      if (mutations.length > this.maxBatch) return json(413, { error: { code: 'too_large', message: 'lô quá lớn' } });
      this.pushSizes.push(mutations.length);
      const results = mutations.map((m) => this.apply(m));
      const serverTime = new Date().toISOString();
      if (this.compact && u.searchParams.get('results') === 'compact') {
        const listed = results.filter((r) => r.status !== 'accepted' && r.status !== 'duplicate');
        response = json(200, { results: listed, acknowledged: results.length - listed.length + this.miscount, serverTime });
      } else response = json(200, { results, serverTime });
    } else if (u.pathname === '/api/v1/sync/pull') {
      response = json(200, this.pull(Number(u.searchParams.get('cursor') ?? '0')));
    } else return json(404, { error: { code: 'not_found', message: 'no' } });
    if (fault === 'cut-after') throw new TypeError('network error (cut after commit)');
    if (fault === 'garbage') return new Response('{"results": [', { status: 200 });
    return response;
  };

  private changed(entity: 'household' | 'person' | 'visit', id: string) {
    this.log.push({ seq: ++this.seq, entity, id });
  }

  apply(raw: unknown): PushResult {
    const parsed = Mutation.safeParse(raw);
    const id = (raw as { id?: string }).id ?? '';
    if (!parsed.success) return { id, status: 'rejected', reason: 'invalid' };
    const m = parsed.data;
    const text = JSON.stringify(m);
    const known = this.mutations.get(m.id);
    if (known !== undefined) return { id, status: known === text ? 'duplicate' : 'conflict', reason: known === text ? undefined : 'different content' };
    this.mutations.set(m.id, text);
    switch (m.type) {
      case 'household.put': {
        if (this.removed.has(m.entityId)) return { id, status: 'rejected', reason: 'Hộ đã bị xoá' };
        const prev = this.households.get(m.entityId);
        const state = prev ? { id: prev.id, hlc: prev.hlc, conflicts: prev.conflicts, fields: prev } : { id: m.entityId, hlc: {}, conflicts: [], fields: {} };
        const { next } = applyPut(state as never, { ...m.payload, hlc: m.hlc } as never) as { next: { fields: object; hlc: Record<string, string>; conflicts: Household['conflicts'] } };
        this.households.set(m.entityId, { ...next.fields, id: m.entityId, communeId: this.communeId, hlc: next.hlc, conflicts: next.conflicts } as Household);
        this.changed('household', m.entityId);
        break;
      }
      case 'person.put': {
        const hh = (m.payload.fields.householdId ?? this.persons.get(m.entityId)?.householdId) as string | undefined;
        if (hh && this.removed.has(hh)) return { id, status: 'rejected', reason: 'Hộ đã bị xoá' };
        if (this.removed.has(m.entityId)) return { id, status: 'rejected', reason: 'Đã xoá' };
        const prev = this.persons.get(m.entityId);
        const state = prev ? { id: prev.id, hlc: prev.hlc, conflicts: prev.conflicts, fields: prev } : { id: m.entityId, hlc: {}, conflicts: [], fields: {} };
        const { next } = applyPut(state as never, { ...m.payload, hlc: m.hlc } as never) as { next: { fields: object; hlc: Record<string, string>; conflicts: Person['conflicts'] } };
        this.persons.set(m.entityId, { ...next.fields, id: m.entityId, hlc: next.hlc, conflicts: next.conflicts } as Person);
        this.changed('person', m.entityId);
        break;
      }
      case 'person.delete':
        this.removed.add(m.entityId);
        this.persons.delete(m.entityId);
        this.changed('person', m.entityId);
        break;
      case 'household.delete':
        this.removed.add(m.entityId);
        this.households.delete(m.entityId);
        for (const p of [...this.persons.values()]) if (p.householdId === m.entityId) this.persons.delete(p.id);
        for (const v of [...this.visits.values()]) if (v.householdId === m.entityId) this.visits.delete(v.id);
        this.changed('household', m.entityId);
        break;
      case 'visit.create':
        if (this.removed.has(m.payload.householdId)) return { id, status: 'rejected', reason: 'Hộ đã bị xoá' };
        this.visits.set(m.payload.id, m.payload);
        this.changed('visit', m.payload.id);
        break;
      default:
        return { id, status: 'rejected', reason: 'unsupported here' };
    }
    return { id, status: 'accepted' };
  }

  pull(cursor: number) {
    const after = this.log.filter((e) => e.seq > cursor);
    const page = after.slice(0, this.pageSize);
    const changes = page.map((e): Change => {
      const data = e.entity === 'household' ? this.households.get(e.id) : e.entity === 'person' ? this.persons.get(e.id) : this.visits.get(e.id);
      return { entity: e.entity, id: e.id, data: data ?? null } as Change;
    });
    const last = page.at(-1)?.seq ?? cursor;
    return { changes, cursor: String(last), hasMore: after.length > page.length, serverTime: new Date().toISOString() };
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
