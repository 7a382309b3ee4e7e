/**
 * Events and team figures. An event held for several hamlets counts once in each of them and once for the commune,
 * so hamlet rows do not add up to the commune row (attendance is not split by hamlet). Members: a hamlet team is
 * everyone with that hamlet in hamletIds; the commune team is the commune roles and members without a hamlet.
 */
import { COMMUNE_ROLES } from '../schema';
import type { EventRow, MemberRow, ScopeCounts } from './counts';

/** On a team on `date` (inclusive): approved or leaving, joined by then, not yet left. Pending proposals are not. */
export function onTeam(m: MemberRow, date: string): boolean {
  if (m.role === 'admin' || m.status === 'proposed') return false;
  if (m.joinedOn !== null && m.joinedOn > date) return false;
  if (m.leftOn !== null) return m.leftOn > date;
  return m.status !== 'left';
}

export const inCommuneTeam = (m: MemberRow): boolean => m.hamletIds.length === 0 || COMMUNE_ROLES.includes(m.role);
/** Collaborators (cộng tác viên) are a group around the team and do not count towards its 5–10 members. */
export const countsForTeamSize = (m: MemberRow): boolean => m.role !== 'collaborator' && m.role !== 'admin';

export function addMember(s: ScopeCounts, m: MemberRow, from: string, to: string): void {
  if (m.role === 'admin') return;
  if (m.status === 'proposed') { s.team.pending++; return; }
  if (onTeam(m, to)) {
    s.team.byRole[m.role]++;
    if (countsForTeamSize(m)) s.team.size++;
  }
  if (m.joinedOn !== null && m.joinedOn >= from && m.joinedOn <= to) s.team.joined++;
  if (m.leftOn !== null && m.leftOn >= from && m.leftOn <= to) s.team.left++;
}

export function addEvent(s: ScopeCounts, e: EventRow, from: string, to: string): void {
  if (e.on < from || e.on > to) return;
  if (e.kind === 'digital_day') s.events.digitalDays++;
  else s.events.groupSessions++;
  s.events.attendance += e.attendance;
}

/** Every event and member counted into the commune and into each hamlet it belongs to (once per hamlet). */
export function addTeamFigures(
  commune: ScopeCounts, scope: (hamletId: string) => ScopeCounts, events: readonly EventRow[], members: readonly MemberRow[], from: string, to: string,
): void {
  for (const e of events) {
    addEvent(commune, e, from, to);
    for (const id of new Set(e.hamletIds)) addEvent(scope(id), e, from, to);
  }
  for (const m of members) {
    if (inCommuneTeam(m)) addMember(commune, m, from, to);
    else for (const id of new Set(m.hamletIds)) addMember(scope(id), m, from, to);
  }
}
