/**
 * Device tokens and enrolment codes. Tokens: 256 bits from the CSPRNG, base64url; codes: 40 bits from a
 * 32-letter alphabet (short enough to type, guarded by expiry, one-time use and the enrolment rate limit).
 * Both are stored only as sha-256 hashes.
 */
import { randomBytes } from 'node:crypto';
import { ENROL_CODE_ALPHABET } from '../../src/shared/admin-protocol';
import { sha256Hex } from '../sync/canonical';

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newEnrolCode(): string {
  // 32 letters: the low 5 bits of a random byte pick one uniformly.
  return Array.from(randomBytes(8), (b) => ENROL_CODE_ALPHABET[b & 31]).join('');
}

export const hashSecret = (secret: string): string => sha256Hex(secret);
