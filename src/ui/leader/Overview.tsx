/** The coverage dashboard: key numbers, national targets, per-item bars, trend, and (commune) all hamlets side by side. */
import type { Dashboard } from '../../worker/reports/dashboard';
import { TARGETS } from '../../shared/report/targets';
import { formatNumber, pick } from '../i18n';
import { HamletTable } from './HamletTable';
import { ItemBars } from './ItemBars';
import { TrendChart } from './TrendChart';
import { lt } from './messages';
import { source } from './state';

interface Props { d: Dashboard; scope: string; onScope: (id: string) => void }

function Kpi({ label, value, sub, href, testid }: { label: string; value: string | number; sub?: string; href?: string; testid?: string }) {
  const body = <><span class="kpi-value" data-testid={testid}>{value}</span><span class="kpi-label">{label}</span>{sub && <span class="small muted">{sub}</span>}</>;
  return href ? <a class="kpi card" href={href}>{body}</a> : <div class="kpi card">{body}</div>;
}

export function Overview({ d, scope, onScope }: Props) {
  const s = scope === '' ? d.counts.commune : d.counts.hamlets.find((h) => h.hamletId === scope) ?? d.counts.commune;
  const der = d.derived[scope] ?? d.derived[''];
  const h = s.households;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v)}%`);
  return (
    <div class="stack">
      <div class="kpis" data-testid="kpis">
        <Kpi label={lt('kpi.households')} value={h.total} testid="kpi-households" />
        <Kpi label={lt('kpi.visitedPeriod')} value={h.visitedInPeriod} sub={pct(der?.coveragePeriodPct)} testid="kpi-visited-period" />
        <Kpi label={lt('kpi.visitedEver')} value={h.visitedEver} sub={pct(der?.coverageEverPct)} testid="kpi-visited-ever" />
        <Kpi label={lt('kpi.priority')} value={`${h.priorityReachedEver}/${h.priorityTotal}`} sub={lt('kpi.notYet', { n: der?.priorityNotYet ?? 0 })} />
        <Kpi label={lt('kpi.stale', { days: d.staleDays })} value={h.notVisitedRecently} />
        <Kpi label={lt('kpi.volunteers')} value={s.visits.activeVolunteers} />
        <Kpi label={lt('kpi.due')} value={s.followUps.due} href="/leader/follow-ups" />
        <Kpi label={lt('kpi.overdue')} value={s.followUps.overdue} href="/leader/follow-ups" testid="kpi-overdue" />
      </div>
      <section class="card stack" aria-labelledby="targets-h">
        <h2 id="targets-h">{lt('targets')}</h2>
        <ul class="list targets" data-testid="targets-table">
          {(der?.targets ?? []).map((t) => (
            <li key={t.key}>
              <div>{pick(TARGETS[t.key])} <span class="small muted">(≥ {t.minPct}%)</span></div>
              <div class="row">
                <strong class="target-pct">{pct(t.pct)}</strong>
                <span class="small muted grow">{t.part}/{t.whole}</span>
                <span class={`tag ${t.met ? '' : 'warn'}`}>{t.met ? lt('target.met') : lt('target.notMet')}</span>
              </div>
              <span class="minibar" aria-hidden="true"><span style={{ width: `${Math.min(100, t.pct ?? 0)}%` }} /><i style={{ left: `${t.minPct}%` }} /></span>
            </li>
          ))}
        </ul>
      </section>
      {scope === '' && d.counts.hamlets.length > 1 && (
        <HamletTable scopes={d.counts.hamlets} derived={d.derived} names={new Map(d.hamlets.map((x) => [x.id, x.name]))}
          submitted={d.submitted} onOpen={onScope} />
      )}
      <ItemBars scope={s} />
      {/* A hamlet with no series has no visits: never show the commune's in its place. */}
      <TrendChart points={d.trend[scope] ?? (scope === '' ? [] : (d.trend[''] ?? []).map((p) => ({ ...p, visitedHouseholds: 0, visits: 0, itemsDone: 0 })))}
        serverFigures={source.value === 'server'} />
    </div>
  );
}
