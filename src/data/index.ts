/**
 * The data layer's public API: the only module the UI imports from src/data. No Dexie types leak out;
 * observation is by callback (`observe(query, cb) → unsubscribe`).
 */
export { observe, observeOutboxCount, type Unsubscribe } from './observe';
export {
  getDevice, saveEnrolment, forgetDevice, UnsyncedDataError, getSettings, saveSettings, listHamlets, listCommunes,
} from './device';
export { loadDemo, removeDemo, isDemoLoaded } from './demo';
export { listHouseholdSummaries, getHousehold, type HouseholdDetail } from './households';
export {
  saveHousehold, requestHouseholdRemoval, type HouseholdSave, type HouseholdFieldsInput, type PersonFieldsInput,
} from './household-edits';
export { recordVisit } from './visit-record';
export { saveDraft, getDraft, discardDraft, hasOpenDraft, listDrafts, type VisitInput } from './visits';
export { outboxCounts, listOutbox, dismissRejected, type OutboxCounts, type OutboxItem } from './outbox';
export { lastSyncReceipt, lastSyncError } from './sync-state';
export { listConflicts, dismissConflict, type OpenConflict } from './conflicts';
export { storageStatus, requestPersistence, isIOS, isStandalone, type StorageStatus } from './storage';
export { ValidationError, isValidationError, type FieldIssue } from './validation';
export type { Device, Settings, Lang, SyncReceipt, SyncError, DemoIdentity } from './meta';
export type { HouseholdRow, PersonRow, VisitRow, DraftRow, OutboxStatus } from './db';
// Pure search lives in src/shared so the worker and tests can use it too.
export { searchHouseholds, type HouseholdSummary, type SearchFilters, type PriorityKey } from '../shared/search';
