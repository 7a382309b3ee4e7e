/**
 * The server's roll-up of the whole commune (all devices' synced data) for commune leaders when online. Offline, or
 * on any failure, the caller keeps the figures computed from this phone's last pulled data.
 */
import { getDevice } from '../../data';
import type { CommuneCounts, DerivedFigures } from '../../shared/report';
import type { ReportPeriod } from '../../shared/schema';

export interface ServerRollup { counts: CommuneCounts; derived: Record<string, DerivedFigures>; generatedAt: string }

/** Waits at most this long: on a village link a slow answer is worse than the local figures. */
export const ROLLUP_TIMEOUT_MS = 8000;

export async function serverRollup(period: ReportPeriod, staleDays: number): Promise<ServerRollup | null> {
  const device = await getDevice();
  if (!device) return null;
  const q = new URLSearchParams({ from: period.from, to: period.to, kind: period.kind, staleDays: String(staleDays) });
  try {
    const res = await fetch(`${device.serverUrl}/api/v1/reports/counts?${q}`, {
      headers: { authorization: `Bearer ${device.token}` }, signal: AbortSignal.timeout(ROLLUP_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as ServerRollup;
    return body?.counts?.hamlets ? { counts: body.counts, derived: body.derived, generatedAt: body.generatedAt } : null;
  } catch {
    return null;
  }
}

export interface TeamDevice { id: string; name: string; memberName: string; hamletIds: string[]; lastSeenAt: string | null; revokedAt: string | null }

/** The team's phones and when each last reached the server (leaders; online only — null when it cannot be asked). */
export async function teamDevices(): Promise<TeamDevice[] | null> {
  const device = await getDevice();
  if (!device) return null;
  try {
    const res = await fetch(`${device.serverUrl}/api/v1/devices`, {
      headers: { authorization: `Bearer ${device.token}` }, signal: AbortSignal.timeout(ROLLUP_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { devices?: TeamDevice[] };
    return Array.isArray(body.devices)
      ? body.devices.map((d) => ({ id: d.id, name: d.name, memberName: d.memberName, hamletIds: d.hamletIds, lastSeenAt: d.lastSeenAt, revokedAt: d.revokedAt }))
      : null;
  } catch {
    return null;
  }
}
