/**
 * Who is calling and what they may touch. Scope rules (domain.md): members and hamlet leaders read and write only
 * their hamlets; commune roles every hamlet of their commune; nobody another commune. Ids from the client are never
 * trusted: every record is checked against the stored hamlet of the thing it touches.
 */
import { COMMUNE_ROLES, LEADER_ROLES, type Role } from '../../src/shared/schema';

export interface Caller {
  deviceId: string;
  memberId: string;
  communeId: string;
  role: Role;
  /** The member's hamlets; ignored for commune roles (they see all hamlets of the commune). */
  hamletIds: string[];
  /**
   * For commune roles, the commune's hamlets (device-auth.ts loads them): a hamlet a commune leader's write names must
   * be one of them. Absent (a caller built by hand in a test): not checked.
   */
  communeHamletIds?: readonly string[];
}

export const isCommuneRole = (c: Pick<Caller, 'role'>): boolean => COMMUNE_ROLES.includes(c.role);
export const isLeader = (c: Pick<Caller, 'role'>): boolean => LEADER_ROLES.includes(c.role);

export function inScope(c: Caller, hamletId: string | null | undefined): boolean {
  if (hamletId === null || hamletId === undefined) return false;
  return isCommuneRole(c) ? inCommune(c, hamletId) : c.hamletIds.includes(hamletId);
}

const inCommune = (c: Caller, hamletId: string) => c.communeHamletIds?.includes(hamletId) ?? true;

/** Hamlet scope for pull: null = the whole commune. */
export function pullScope(c: Caller): string[] | null {
  return isCommuneRole(c) ? null : c.hamletIds;
}

/** Roles a leader may hand out in an enrolment code or a member.put. Only an admin makes admins. */
export function mayGrant(c: Caller, role: Role, hamletIds: string[]): boolean {
  if (c.role === 'admin') return true;
  if (isCommuneRole(c)) return role !== 'admin' && hamletIds.every((h) => inCommune(c, h));
  if (!isLeader(c)) return false;
  return ['member', 'collaborator', 'hamlet_deputy'].includes(role) && hamletIds.length > 0 && hamletIds.every((h) => c.hamletIds.includes(h));
}
