/** What a push reads from storage before deciding (PushContext) and what it writes afterwards (PushWrites). */
import type { Household, Member, Person, Visit, TeamEvent, Report } from '../../src/shared/schema';

/** `removed` = tombstone (data null); known without reading `data`, which the store may parse lazily (push-store.ts). */
export interface StoredHousehold { communeId: string; hamletId: string | null; removed: boolean; readonly data: Household | null }
export interface StoredPerson { communeId: string; householdId: string; data: Person | null }
export interface StoredMember { communeId: string; data: Member | null }

/** Current state of everything a batch touches, loaded in bulk inside the push transaction. */
export interface PushContext {
  /** mutation id → content hash of the stored mutation. */
  mutationHashes: Map<string, string>;
  households: Map<string, StoredHousehold>;
  persons: Map<string, StoredPerson>;
  /** visit id → canonical JSON stored (null when erased with its household). */
  visits: Map<string, { communeId: string; data: string | null }>;
  events: Set<string>;
  reports: Set<string>;
  members: Map<string, StoredMember>;
}

/** Ids a batch refers to: what must be loaded into the PushContext. */
export interface PushRefs {
  mutationIds: string[];
  householdIds: string[];
  /** Households only visits refer to: a visit needs their commune, hamlet and tombstone, not their data (D-I4). */
  visitHouseholdIds: string[];
  personIds: string[];
  visitIds: string[];
  eventIds: string[];
  reportIds: string[];
  memberIds: string[];
}

export interface MutationRecord {
  id: string; type: string; entityId: string; contentHash: string;
}

export interface PushWrites {
  mutations: MutationRecord[];
  /** Final state per touched household (null data = tombstone). */
  households: Map<string, { hamletId: string; prevHamletId: string | null; data: Household | null }>;
  persons: Map<string, { householdId: string; hamletId: string; data: Person | null }>;
  /** New visits with their JSON text (serialised once). */
  /** `adjusted`: the server changed it (hamletId followed a moved household), so its creator must pull it back. */
  visits: { visit: Visit; json: string; adjusted?: boolean }[];
  events: TeamEvent[];
  reports: Report[];
  members: Map<string, Member>;
  /** Households removed on request: their persons and visits are erased (data set to null) server-side. */
  erasedHouseholds: Set<string>;
  /** Households that moved hamlet: their persons and visits follow (hamlet_id and seq updated). */
  movedHouseholds: Map<string, string>;
}

export function emptyWrites(): PushWrites {
  return {
    mutations: [], households: new Map(), persons: new Map(), visits: [], events: [], reports: [], members: new Map(),
    erasedHouseholds: new Set(), movedHouseholds: new Map(),
  };
}
