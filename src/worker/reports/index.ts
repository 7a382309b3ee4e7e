/** The reports services the worker exposes (add to src/worker/services.ts). */
export { leaderDashboard, type Dashboard, type DashboardRequest } from './dashboard';
export { exportReport, buildReportTable, type ExportFile, type ExportRequest, type ExportProgress } from './export';
