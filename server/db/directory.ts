/** Read-only look-ups of communes, hamlets and members (admin CLI, enrolment, startup banner). */
import type { Commune, Hamlet, Member } from '../../src/shared/schema';
import type { Store } from './connect';

export async function listCommunes(store: Store): Promise<Commune[]> {
  const rows = await store.db.selectFrom('communes').select('data').orderBy('seq').execute();
  return rows.filter((r) => r.data !== null).map((r) => JSON.parse(r.data!) as Commune);
}

export async function listHamlets(store: Store, communeId?: string): Promise<Hamlet[]> {
  const rows = await store.db.selectFrom('hamlets').select('data').$if(communeId !== undefined, (q) => q.where('commune_id', '=', communeId!)).execute();
  return rows.filter((r) => r.data !== null).map((r) => JSON.parse(r.data!) as Hamlet).sort((a, b) => a.order - b.order);
}

export async function listMembers(store: Store, communeId: string): Promise<Member[]> {
  const rows = await store.db.selectFrom('members').select('data').where('commune_id', '=', communeId).orderBy('seq').execute();
  return rows.filter((r) => r.data !== null).map((r) => JSON.parse(r.data!) as Member);
}

export async function getMember(store: Store, memberId: string): Promise<Member | null> {
  const row = await store.db.selectFrom('members').select('data').where('id', '=', memberId).executeTakeFirst();
  return row?.data ? (JSON.parse(row.data) as Member) : null;
}
