/**
 * The reports services the worker exposes. The lead spreads them into src/worker/services.ts:
 *   export const services = { sync, ping, ...reportServices };
 */
import { transfer } from 'comlink';
import { leaderDashboard } from './dashboard';
import { exportReport, type ExportFile, type ExportRequest } from './export';
import { serverRollup, teamDevices } from './rollup';

export { leaderDashboard, dashboardFrom, type Dashboard, type DashboardRequest } from './dashboard';
export { exportReport, type ExportFile, type ExportRequest, type ExportProgress } from './export';
export { serverRollup, teamDevices, type ServerRollup, type TeamDevice } from './rollup';

/** Export with progress to the page; the file's bytes are transferred, not copied. */
async function exportReportFile(req: ExportRequest, onProgress?: (done: number, total: number) => unknown): Promise<ExportFile> {
  const report = (done: number, total: number) => {
    // A Comlink proxy from the page: fire and forget, a closed page must not break the export.
    try { void Promise.resolve(onProgress?.(done, total)).catch(() => {}); } catch { /* page gone */ }
  };
  const file = await exportReport(req, report);
  return transfer(file, [file.bytes.buffer as ArrayBuffer]);
}

export const reportServices = { leaderDashboard, exportReportFile, serverRollup, teamDevices };
export type ReportServices = typeof reportServices;
