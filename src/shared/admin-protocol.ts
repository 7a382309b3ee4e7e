/**
 * Leader endpoints of /api/v1 (additions to protocol.ts): issue an enrolment code from the app (shown as a QR),
 * list and revoke the team's devices. Documented in docs/sync-protocol.md.
 */
import { z } from 'zod';
import { Id, Role } from './schema';

/** POST /api/v1/codes. Either a new member (role + hamlets) or an existing member's new phone (memberId). */
export const IssueCodeRequest = z.strictObject({
  role: Role.optional(),
  hamletIds: z.array(Id).max(50).optional(),
  memberId: Id.optional(),
}).refine((r) => r.memberId !== undefined || r.role !== undefined, { message: 'Cần chọn vai trò hoặc thành viên', path: ['role'] });
export type IssueCodeRequest = z.infer<typeof IssueCodeRequest>;

export const IssueCodeResponse = z.strictObject({ code: z.string().length(8), expiresAt: z.iso.datetime({ offset: true }) });
export type IssueCodeResponse = z.infer<typeof IssueCodeResponse>;

export const DeviceInfo = z.strictObject({
  id: Id, name: z.string(), memberId: Id, memberName: z.string(), role: Role, hamletIds: z.array(Id),
  createdAt: z.string(), lastSeenAt: z.string().nullable(), appVersion: z.string().nullable(), revokedAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;
export const DevicesResponse = z.strictObject({ devices: z.array(DeviceInfo) });

/**
 * Enrolment codes: 8 characters, shown as "BK7M-3QTZ". No look-alikes (0/O, 1/I), and nothing a Vietnamese keyboard
 * turns into an accent while the volunteer types: no vowels (Telex "aa" → â, VNI "a1" → á), no W (Telex "w" → ư),
 * D (dd → đ) or Telex tone keys S F R X J. 21 symbols: 8 characters are ≈ 35 bits, guarded by expiry, one-time use
 * and the enrolment rate limit. Codes made from the older 32-letter alphabet stay valid (the server checks the hash).
 */
export const ENROL_CODE_ALPHABET = '23456789BCGHKLMNPQTVZ';
export const formatEnrolCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
