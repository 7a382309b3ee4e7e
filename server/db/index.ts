/** server/db: the only code that writes SQL. Everything else goes through these functions. */
export { openStore, type Store, type DbKind, type OpenOptions } from './connect';
export { migrateToLatest } from './migrations';
export { pushTransaction, type PushMeta } from './push-store';
export { announcePush } from './group-commit';
export { pullRows, currentSeq, type PullPosition, type PulledRow } from './pull-store';
export {
  findDeviceByTokenHash, communeHamletIds, touchDevice, insertEnrolCode, redeemEnrolCode, listDevices, revokeDevice,
  type DeviceAuth, type NewCode, type RedeemResult, type NewDevice, type DeviceInfo,
} from './auth-store';
export { listCommunes, listHamlets, listMembers, getMember } from './directory';
export { seedCommune } from './seed';
export { snapshotCounts } from './inspect';
