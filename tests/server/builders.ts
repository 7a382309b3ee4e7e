/** Mutation builders for server tests: valid by default, overridable field by field. */
import { encodeHlc } from '../../src/shared/hlc';
import { uuidv7 } from '../../src/shared/ids';
import type { Household, HouseholdFields, Member, PersonFields } from '../../src/shared/schema';

let tick = 0;
/** A fresh HLC from a node; later calls are later clocks. */
export function hlc(node = 'dev1', wallMs = Date.now()): string {
  return encodeHlc({ wallMs, counter: ++tick % 1000, node });
}

export function visitMutation(member: Member, household: Pick<Household, 'id' | 'hamletId'>, over: Record<string, unknown> = {}) {
  const id = uuidv7();
  return {
    id: uuidv7(), type: 'visit.create', entityId: id, hlc: hlc(),
    payload: {
      id, householdId: household.id, hamletId: household.hamletId, memberId: member.id, at: new Date().toISOString(), kind: 'home',
      outcomes: [{ item: 'vneid_l1', personId: null, outcome: 'done', details: [], other: '' }], notes: 'Đã hướng dẫn cài VNeID',
      followUpOn: null, catalogueVersion: 1, amends: null, ...over,
    },
  };
}

export function householdPut(id: string, fields: Partial<HouseholdFields>, base: Record<string, string | null> = {}, clock = hlc()) {
  return { id: uuidv7(), type: 'household.put', entityId: id, hlc: clock, payload: { fields, base } };
}

export function newHouseholdFields(hamletId: string, over: Partial<HouseholdFields> = {}): HouseholdFields {
  return {
    hamletId, label: 'Lò Văn Mới', houseNo: '12', alley: 'Cạnh suối', phone: '', producer: false, consent: null, note: '',
    priority: { elderly: false, vulnerable: false, poor: false, remote: false, noSmartphone: false }, ...over,
  };
}

export function personPut(id: string, fields: Partial<PersonFields>, base: Record<string, string | null> = {}, clock = hlc()) {
  return { id: uuidv7(), type: 'person.put', entityId: id, hlc: clock, payload: { fields, base } };
}

export function householdDelete(id: string) {
  return { id: uuidv7(), type: 'household.delete', entityId: id, hlc: hlc(), payload: {} };
}
