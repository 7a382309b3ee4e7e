/**
 * Leader screens (lazy chunk for /leader/*): dashboard, report, events, team, follow-ups. Figures are computed in
 * the worker from this phone's data; commune leaders online also get the server's roll-up ("data as of" shown).
 */
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Screen, Loading } from '../components/Screen';
import { formatDate, formatTime } from '../i18n';
import { isCommuneLevel, isLeader, session } from '../state/session';
import { computing, dashboard, loadError, period, refreshDashboard, scopeId, source } from './state';
import { PeriodChooser } from './PeriodChooser';
import { Overview } from './Overview';
import { ReportScreen } from './ReportScreen';
import { EventsScreen } from './EventsScreen';
import { RosterScreen } from './RosterScreen';
import { FollowUps } from './FollowUps';
import { lt, type LeaderKey } from './messages';
import './leader.css';

const TABS: [string, LeaderKey][] = [['/leader', 'tab.overview'], ['/leader/report', 'tab.report'], ['/leader/events', 'tab.events'], ['/leader/team', 'tab.team'], ['/leader/follow-ups', 'tab.followUps']];

function refresh() {
  // The server roll-up needs an enrolled commune-level device; navigator.onLine is only a hint to skip a sure failure.
  void refreshDashboard({ communeLevel: isCommuneLevel.value, online: navigator.onLine !== false });
}

/** Whole commune or one hamlet; not shown when there is nothing to choose (a hamlet leader with one hamlet). */
function ScopeSelect({ communeLevel, hamlets, testId }: { communeLevel: boolean; hamlets: readonly { id: string; name: string }[]; testId?: string }) {
  if (!communeLevel && hamlets.length <= 1) return null;
  return (
    <label class="field no-print">{lt('scope.label')}
      <select value={scopeId.value} data-testid={testId} onChange={(e) => { scopeId.value = (e.target as HTMLSelectElement).value; }}>
        {communeLevel && <option value="">{lt('scope.commune')}</option>}
        {hamlets.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
      </select>
    </label>
  );
}

export default function Leader() {
  const { path } = useLocation();
  const s = session.value;
  // The demo identity works in all 18 hamlets: show it the commune view too, so a first look shows the roll-up.
  const communeLevel = isCommuneLevel.value || (!!s?.demo && !s.device);
  const hamlets = communeLevel ? (dashboard.value?.hamlets ?? s?.hamlets ?? []) : (s?.hamlets ?? []);
  useEffect(() => {
    if (!communeLevel && scopeId.value === '' && s?.hamlets[0]) scopeId.value = s.hamlets[0].id;
  }, [communeLevel, s]);
  useEffect(refresh, [period.value.from, period.value.to]);
  if (!isLeader.value) return <Screen title={lt('title')}><p class="notice warn">{lt('onlyLeaders')}</p></Screen>;
  const d = dashboard.value;
  const tab = TABS.find(([href]) => href === path)?.[0] ?? '/leader';
  const asOf = d?.dataAsOf ? `${formatDate(d.dataAsOf)} ${formatTime(d.dataAsOf)} (${lt(source.value === 'server' ? 'fromServer' : 'fromPhone')})`
    : d?.enrolled ? lt('pulledUnknown') : lt('localOnly');
  return (
    <Screen title={lt('title')}>
      <nav class="chips no-print leader-tabs" aria-label={lt('title')}>
        {TABS.map(([href, key]) => <a key={href} href={href} class="chip" aria-current={tab === href ? 'page' : undefined}>{lt(key)}</a>)}
      </nav>
      {tab !== '/leader/team' && tab !== '/leader/events' && (
        <div class="stack no-print">
          {/* Follow-ups are "as of today": a period would change nothing there. */}
          {tab !== '/leader/follow-ups' && <PeriodChooser value={period.value} onChange={(p) => { period.value = p; }} />}
          <ScopeSelect communeLevel={communeLevel} hamlets={hamlets} testId="scope" />
          <p class="small muted" data-testid="data-as-of">{lt('dataAsOf', { time: asOf })}</p>
        </div>
      )}
      {tab === '/leader/team' && <ScopeSelect communeLevel={communeLevel} hamlets={hamlets} />}
      {computing.value && <p role="status" class="muted">{lt('computing')}</p>}
      {loadError.value && <p class="notice danger" role="alert">{lt('common.error', { message: loadError.value })}</p>}
      {tab === '/leader/events' ? <EventsScreen hamlets={hamlets} defaultHamletId={scopeId.value || null} onSaved={refresh} />
        : tab === '/leader/team' ? <RosterScreen scope={scopeId.value} communeLevel={communeLevel} enrolled={!!s?.device} />
        : !d ? <Loading />
        : tab === '/leader/report' ? <ReportScreen d={d} scope={scopeId.value} />
        : tab === '/leader/follow-ups' ? <FollowUps d={d} scope={scopeId.value} />
        : <Overview d={d} scope={scopeId.value} onScope={(id) => { scopeId.value = id; }} />}
    </Screen>
  );
}
