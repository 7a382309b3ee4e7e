/** Limits shared by client and server. Units are in the names. */
export const PUSH_BATCH_MAX_ITEMS = 1000;
/** Cap on a push body after decompression: a zip bomb gets 413, not an out-of-memory crash. */
export const PUSH_BODY_MAX_BYTES = 4 * 1024 * 1024;
export const PUSH_BATCH_START_ITEMS = 200;
export const PULL_PAGE_MAX_ITEMS = 2000;
export const PULL_PAGE_DEFAULT_ITEMS = 1000;
export const NOTE_MAX_CHARS = 1000;
export const VISIT_MAX_OUTCOMES = 300;
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 5 * 60 * 1000;
export const ENROL_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Vietnam is UTC+7 all year (no daylight saving); periods and "today" are computed in this zone. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
