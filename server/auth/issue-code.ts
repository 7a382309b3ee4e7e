/** Issues a one-time enrolment code (used by the leader endpoint, the admin CLI and the demo banner). */
import { ENROL_CODE_TTL_MS } from '../../src/shared/limits';
import type { Role } from '../../src/shared/schema';
import { insertEnrolCode, type Store } from '../db';
import { hashSecret, newEnrolCode } from './secrets';

export interface CodeSpec {
  communeId: string;
  /** Bind to an existing member (a volunteer's new phone); otherwise enrolment creates a member with role + hamlets. */
  memberId: string | null;
  role: Role;
  hamletIds: string[];
  createdBy: string | null;
}

export async function issueEnrolCode(store: Store, spec: CodeSpec, nowMs: number, ttlMs = ENROL_CODE_TTL_MS): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrolCode();
  const expiresAt = nowMs + ttlMs;
  await insertEnrolCode(store, { ...spec, codeHash: hashSecret(code), nowMs, expiresAt });
  return { code, expiresAt: new Date(expiresAt).toISOString() };
}
