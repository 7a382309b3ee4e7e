/**
 * Who is using this phone and where: the enrolled member (or the demo identity), the commune, the hamlets on the
 * device, the hamlet being worked on, and the count of visits waiting to sync. Signals, so the header badge and
 * every screen follow changes made by the sync worker or another tab without prop drilling.
 */
import { computed, signal } from '@preact/signals';
import type { Device } from '../../data';
import { dataLayer } from './data';
import { clearFirstPaint, readSessionPaint, rememberPaintHamlet, rememberSessionPaint } from '../../data/first-paint';
import type { Commune, Hamlet, Role } from '../../shared/schema';
import { LEADER_ROLES, COMMUNE_ROLES } from '../lib/enums';

/** The enrolment as the screens see it: never the token (requests read it from IndexedDB where they are made). */
export type SessionDevice = Omit<Device, 'token'>;

export interface Session {
  device: SessionDevice | null;
  /** Demo data is on this phone (shown as DEMO everywhere). */
  demo: boolean;
  role: Role;
  memberName: string;
  commune: (Commune & { demo: boolean }) | null;
  /** Hamlets this person works in (all of the commune's for commune-level roles). */
  hamlets: (Hamlet & { demo: boolean })[];
}

/** undefined = still reading IndexedDB; null = nothing set up yet (show Welcome). */
export const session = signal<Session | null | undefined>(undefined);
export const hamletId = signal<string | null>(null);
export const unsyncedCount = signal(0);
export const rejectedCount = signal(0);
export const syncRunning = signal(false);

export const currentHamlet = computed(() => session.value?.hamlets.find((h) => h.id === hamletId.value) ?? null);
export const isLeader = computed(() => !!session.value && LEADER_ROLES.includes(session.value.role));
export const isCommuneLevel = computed(() => !!session.value && COMMUNE_ROLES.includes(session.value.role));

export async function refreshSession(): Promise<Session | null> {
  const { getDevice, getSettings, isDemoLoaded, listCommunes, listHamlets } = await dataLayer();
  const [device, demo, hamlets, communes, settings] = await Promise.all([getDevice(), isDemoLoaded(), listHamlets(), listCommunes(), getSettings()]);
  if (!device && !demo) {
    session.value = null;
    hamletId.value = null;
    rememberSessionPaint(null);
    return null;
  }
  const scope = device && device.member.hamletIds.length ? new Set(device.member.hamletIds) : null;
  const mine = hamlets.filter((h) => h.demo || !scope || scope.has(h.id));
  const next: Session = {
    device: device ? withoutToken(device) : null,
    demo,
    role: device?.member.role ?? 'hamlet_leader',
    memberName: device?.member.name ?? '',
    commune: communes.find((c) => c.id === device?.commune.id) ?? communes[0] ?? null,
    hamlets: mine,
  };
  session.value = next;
  hamletId.value = mine.some((h) => h.id === settings.hamletId) ? settings.hamletId : (mine[0]?.id ?? null);
  rememberSessionPaint({ session: next, hamletId: hamletId.value });
  return next;
}

function withoutToken({ token: _token, ...device }: Device): SessionDevice {
  return device;
}

/**
 * A cold start paints the session last read from IndexedDB (D21, src/data/first-paint.ts), so the first screen
 * does not wait ≈ 1 s for the browser to open the database; refreshSession then replaces it with the truth.
 */
export function paintRememberedSession(): boolean {
  const paint = readSessionPaint<{ session?: Session; hamletId?: string | null }>();
  if (!paint?.session || !Array.isArray(paint.session.hamlets) || session.value !== undefined) return false;
  session.value = paint.session;
  hamletId.value = paint.hamletId ?? null;
  return true;
}

export async function chooseHamlet(id: string): Promise<void> {
  hamletId.value = id;
  rememberPaintHamlet(id); // not the whole session: another tab may have un-enrolled this phone meanwhile
  await (await dataLayer()).saveSettings({ hamletId: id });
}

let watching = false;
/** Keeps the header badge live: the outbox changes from this tab, other tabs and the sync worker. */
export function watchOutbox(): void {
  if (watching) return;
  watching = true;
  void dataLayer().then(({ observeOutboxCount }) => observeOutboxCount((c) => {
    unsyncedCount.value = c.visits;
    rejectedCount.value = c.rejected;
  }));
}

/** Why the phone's data could not be opened at start (shown instead of an endless "loading"); null = no problem. */
export const startupError = signal<string | null>(null);

/**
 * IndexedDB could not be read at start (a full disk, a failed upgrade, the data chunk not loading): the remembered
 * copy must not stay on screen looking live. The copy is dropped and the reason kept for the screen, which says that
 * nothing was deleted and offers to try again (a reload starts from scratch).
 */
export function dropRememberedSession(error: unknown): void {
  clearFirstPaint();
  startupError.value = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  session.value = undefined;
}
