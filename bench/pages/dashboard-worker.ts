/**
 * Runs the leader dashboard in a dedicated worker, as the app does: reads IndexedDB through src/data and computes
 * every figure for the commune. Reports the whole call and its two halves (load, compute), timed inside the worker.
 */
import { leaderDashboard, dashboardFrom, type DashboardRequest } from '../../src/worker/reports/dashboard';
import { loadDashboardData } from '../../src/data/reports';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<DashboardRequest>) => {
  try {
    const t0 = performance.now();
    const dash = await leaderDashboard(e.data);
    const t1 = performance.now();
    // The first call's own split (cold: a fresh worker), from the service's marks, if it sets them.
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
    const started = mark('tn:dashboard-start'), loaded = mark('tn:dashboard-data');
    const firstCall = started !== undefined && loaded !== undefined ? { firstLoadMs: loaded - started, firstComputeMs: t1 - loaded, startupMs: started - t0 } : {};
    const data = await loadDashboardData();
    const t2 = performance.now();
    dashboardFrom(data, e.data);
    const t3 = performance.now();
    self.postMessage({
      totalMs: t1 - t0, loadMs: t2 - t1, computeMs: t3 - t2, ...firstCall,
      households: data.input.households.length,
      visits: data.input.prepared?.ms.length ?? [...(data.input.visitsByHousehold?.values() ?? [])].reduce((n, l) => n + l.length, data.input.visits.length), reached: dash.counts.commune,
    });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
