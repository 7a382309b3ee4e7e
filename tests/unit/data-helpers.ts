/** Shared setup for data-layer tests: a fresh fake IndexedDB database and a small enrolled commune. */
import 'fake-indexeddb/auto';
import { db } from '../../src/data/db';
import { saveEnrolment } from '../../src/data/device';
import type { EnrolResponse } from '../../src/shared/protocol';
import { uuidv7 } from '../../src/shared/ids';

export async function freshDb(): Promise<void> {
  db.close();
  await db.delete();
  await db.open();
}

export function enrolResponse(hamletCount = 2): EnrolResponse {
  const communeId = uuidv7();
  const hamlets = Array.from({ length: hamletCount }, (_, i) => ({ id: uuidv7(), communeId, name: `Bản ${i + 1}`, formerNames: [], order: i }));
  return {
    deviceId: uuidv7(), token: 'secret-token',
    member: { id: uuidv7(), communeId, name: 'Lò Văn Pọm', role: 'member', hamletIds: hamlets.map((h) => h.id), phone: null, joinedOn: null, leftOn: null, status: 'approved' },
    commune: { id: communeId, code: null, name: 'Xã Thử', province: 'Thanh Hóa', demo: false },
    hamlets,
  };
}

export async function enrolled(hamletCount = 2) {
  const res = enrolResponse(hamletCount);
  await saveEnrolment(res, 'http://sync.test/');
  return res;
}

export const noPriority = { elderly: false, vulnerable: false, poor: false, remote: false, noSmartphone: false };

export function householdFields(hamletId: string, label = 'Lê Văn Hùng', extra: Record<string, unknown> = {}) {
  return { hamletId, label, houseNo: '12', alley: 'Gần suối', phone: '0912 345 678', priority: noPriority, producer: false, consent: null, note: '', ...extra };
}
