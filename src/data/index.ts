/**
 * The data layer's public API for the first route: reads, settings, observation. The UI imports src/data only from
 * here and from edits.ts (the writers, imported by lazy screens only, so that they stay off the first route's 60 KB).
 * No Dexie types leak out; observation is by callback (`observe(query, cb) → unsubscribe`).
 */
export { observe, observeOutboxCount, type Unsubscribe } from './observe';
export {
  getDevice, saveEnrolment, forgetDevice, UnsyncedDataError, getSettings, saveSettings, listHamlets, listCommunes, isDemoLoaded,
} from './device';
export { listHouseholdSummaries, getHousehold, type HouseholdDetail } from './households';
export { saveDraft, getDraft, discardDraft, hasOpenDraft, listDrafts, type VisitInput } from './visits';
export { outboxCounts, listOutbox, dismissRejected, type OutboxCounts, type OutboxItem } from './outbox';
export { lastSyncReceipt, lastSyncError } from './sync-state';
export { storageStatus, requestPersistence, isIOS, isStandalone, type StorageStatus } from './storage';
export { ValidationError, isValidationError, type FieldIssue } from './validation';
export type { Device, Settings, Lang, SyncReceipt, SyncError, DemoIdentity } from './meta';
export type { HouseholdRow, PersonRow, VisitRow, DraftRow, OutboxStatus } from './db';
// Pure search lives in src/shared so the worker and tests can use it too.
export { searchHouseholds, type HouseholdSummary, type SearchFilters, type PriorityKey } from '../shared/search';
