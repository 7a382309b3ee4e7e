/**
 * Page side of the report services: calls the worker through the one bridge. Until the lead has spread
 * `reportServices` into src/worker/services.ts, a call fails and we compute on the page instead (TODO(lead): remove
 * the fallback once exposed). Everything here is async so the screen code does not change either way.
 */
import { proxy, type Remote } from 'comlink';
import { worker } from '../bridge';
import type { Dashboard, DashboardRequest, ExportFile, ExportRequest, ReportServices, ServerRollup } from './index';
import type { ReportPeriod } from '../../shared/schema';

const remote = () => worker() as unknown as Remote<ReportServices>;
let exposed: boolean | undefined;

async function viaWorker<T>(call: (r: Remote<ReportServices>) => Promise<T>, local: () => Promise<T>): Promise<T> {
  if (exposed !== false) {
    try {
      const out = await call(remote());
      exposed = true;
      return out;
    } catch (e) {
      if (exposed === true) throw e;
      exposed = false;
      console.warn('reports: worker services not exposed yet, computing on the page', e);
    }
  }
  return local();
}

export function dashboardInWorker(req: DashboardRequest): Promise<Dashboard> {
  return viaWorker((r) => r.leaderDashboard(req), async () => (await import('./dashboard')).leaderDashboard(req));
}

export function exportInWorker(req: ExportRequest, onProgress: (done: number, total: number) => void): Promise<ExportFile> {
  return viaWorker((r) => r.exportReportFile(req, proxy(onProgress)), async () => (await import('./export')).exportReport(req, onProgress));
}

export function rollupInWorker(period: ReportPeriod, staleDays: number): Promise<ServerRollup | null> {
  return viaWorker((r) => r.serverRollup(period, staleDays), async () => (await import('./rollup')).serverRollup(period, staleDays));
}
