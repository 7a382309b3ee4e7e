/**
 * The leader screens' state: chosen period and scope, and the dashboard computed in the worker. Commune leaders,
 * when online, get the server's roll-up of every device's data; otherwise the figures come from this phone.
 */
import { signal } from '@preact/signals';
import { dashboardInWorker, rollupInWorker } from '../../worker/reports/client';
import type { Dashboard } from '../../worker/reports/dashboard';
import { thisMonth } from '../../shared/report/period';
import type { ReportPeriod } from '../../shared/schema';
import { errorText } from '../lib/errors';

export const period = signal<ReportPeriod>(thisMonth(Date.now()));
/** '' = the whole commune; otherwise a hamlet id. */
export const scopeId = signal<string>('');
export const dashboard = signal<Dashboard | null>(null);
export const computing = signal(false);
export const loadError = signal<string | null>(null);
/** Where the numbers come from: this phone's data or the server's roll-up. */
export const source = signal<'phone' | 'server'>('phone');

let generation = 0;

export async function refreshDashboard(opts: { communeLevel: boolean; online: boolean }): Promise<void> {
  const mine = ++generation;
  computing.value = true;
  loadError.value = null;
  try {
    const now = Date.now();
    const local = await dashboardInWorker({ period: period.value, now });
    if (mine !== generation) return;
    dashboard.value = local;
    source.value = 'phone';
    if (opts.communeLevel && opts.online) {
      const rollup = await rollupInWorker(period.value, local.staleDays);
      if (mine !== generation || !rollup) return;
      dashboard.value = { ...local, counts: { ...rollup.counts, followUps: local.counts.followUps }, derived: rollup.derived, dataAsOf: rollup.generatedAt };
      source.value = 'server';
    }
  } catch (e) {
    if (mine === generation) loadError.value = errorText(e);
  } finally {
    if (mine === generation) computing.value = false;
  }
}
