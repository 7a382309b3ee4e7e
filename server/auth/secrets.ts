/**
 * Device tokens and enrolment codes. Tokens: 256 bits from the CSPRNG, base64url; codes: 8 characters of a
 * 21-symbol alphabet safe from Vietnamese keyboards (≈ 35 bits: short enough to type, guarded by expiry, one-time use
 * and the enrolment rate limit; see ENROL_CODE_ALPHABET).
 * Both are stored only as sha-256 hashes.
 */
import { randomBytes } from 'node:crypto';
import { ENROL_CODE_ALPHABET } from '../../src/shared/admin-protocol';
import { sha256Hex } from '../sync/canonical';

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newEnrolCode(): string {
  // Uniform: a byte below the largest multiple of the alphabet's size picks one symbol; the rest are drawn again.
  const n = ENROL_CODE_ALPHABET.length, limit = 256 - (256 % n);
  let code = '';
  while (code.length < 8) for (const b of randomBytes(16)) if (b < limit && code.length < 8) code += ENROL_CODE_ALPHABET[b % n];
  return code;
}

export const hashSecret = (secret: string): string => sha256Hex(secret);
