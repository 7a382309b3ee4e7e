/**
 * Page side of the report services: calls the worker through the one bridge (src/worker/bridge.ts), where
 * `reportServices` are exposed next to sync. Heavy work (figures over 50,000 visits, XLSX) never runs on the page.
 */
import { proxy, type Remote } from 'comlink';
import { worker } from '../bridge';
import type { Dashboard, DashboardRequest, ExportFile, ExportRequest, ReportServices, ServerRollup, TeamDevice } from './index';
import type { ReportPeriod } from '../../shared/schema';

const remote = () => worker() as unknown as Remote<ReportServices>;

export function dashboardInWorker(req: DashboardRequest): Promise<Dashboard> {
  return remote().leaderDashboard(req);
}

export function exportInWorker(req: ExportRequest, onProgress: (done: number, total: number) => void): Promise<ExportFile> {
  return remote().exportReportFile(req, proxy(onProgress));
}

export function rollupInWorker(period: ReportPeriod, staleDays: number): Promise<ServerRollup | null> {
  return remote().serverRollup(period, staleDays);
}

export function teamDevicesInWorker(): Promise<TeamDevice[] | null> {
  return remote().teamDevices();
}
