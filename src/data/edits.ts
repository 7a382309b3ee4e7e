/**
 * The data layer's writers, for the screens that write (all lazy chunks): registering and editing households,
 * recording visits, conflict flags, the demo commune. Kept out of index.ts so the first route does not carry them.
 */
export {
  saveHousehold, requestHouseholdRemoval, type HouseholdSave, type HouseholdFieldsInput, type PersonFieldsInput,
} from './household-edits';
export { prepareVisit, recordVisit } from './visit-record';
export { listConflicts, dismissConflict, type OpenConflict } from './conflicts';
export { loadDemo, removeDemo } from './demo';
