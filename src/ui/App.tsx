/**
 * Routes. Only the shell and the household list (what a volunteer opens every day) are in the first bundle; every
 * other screen is its own chunk, loaded on first use. All chunks are precached by the service worker, so they open
 * offline too, straight from the cache.
 */
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { session, startupError } from './state/session';
import { t } from './i18n';
import { Screen, Loading } from './components/Screen';
import { CrashScreen, StartupFailed } from './components/CrashScreen';
import { HouseholdList } from './screens/households/HouseholdList';
import { notePath } from './lib/nav';
import { screen } from './lib/screen';

const Welcome = screen(() => import('./screens/welcome/Welcome').then((m) => m.Welcome));
const HouseholdPage = screen(() => import('./screens/household/HouseholdPage').then((m) => m.HouseholdPage));
const SyncStation = screen(() => import('./screens/sync/SyncStation').then((m) => m.SyncStation));
const Settings = screen(() => import('./screens/settings/Settings').then((m) => m.Settings));
const HamletPicker = screen(() => import('./screens/HamletPicker').then((m) => m.HamletPicker));
// Forms validate with zod (shared schemas): a separate chunk, precached, so they still open offline.
const HouseholdForm = screen(() => import('./screens/household/HouseholdForm').then((m) => m.HouseholdForm));
const VisitForm = screen(() => import('./screens/visit/VisitForm').then((m) => m.VisitForm));
const IssueCodes = screen(() => import('./codes/IssueCodes'));
const Leader = screen(() => import('./leader/index'));

/** Until something is set up (enrolled or demo loaded), every route leads to Welcome. */
function Gate({ children }: { children: preact.ComponentChildren }) {
  const { path, route } = useLocation();
  const s = session.value;
  const open = path === '/welcome' || path === '/settings';
  useEffect(() => notePath(path), [path]);
  useEffect(() => {
    if (s === null && !open) route('/welcome', true);
    else if (s && (path === '/' || path === '/welcome')) route('/households', true);
  }, [s, path]);
  if (s === undefined) return <div class="app">{startupError.value ? <StartupFailed detail={startupError.value} /> : <main><Loading /></main>}</div>;
  return <>{children}</>;
}

function NotFound() {
  return (
    <Screen title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <a class="btn" href="/households">{t('common.back')}</a>
    </Screen>
  );
}

export function App() {
  return (
    <LocationProvider>
      <CrashScreen>
      <ErrorBoundary>
        <Gate>
          <Router>
            <Route path="/" component={HouseholdList} />
            <Route path="/welcome" component={Welcome} />
            <Route path="/hamlets" component={HamletPicker} />
            <Route path="/households" component={HouseholdList} />
            <Route path="/households/new" component={HouseholdForm} />
            <Route path="/households/:id" component={HouseholdPage} />
            <Route path="/households/:id/edit" component={HouseholdForm} />
            <Route path="/households/:id/visit" component={VisitForm} />
            <Route path="/sync" component={SyncStation} />
            <Route path="/settings" component={Settings} />
            <Route path="/codes" component={IssueCodes} />
            <Route path="/leader/*" component={Leader} />
            <Route path="/leader" component={Leader} />
            <Route default component={NotFound} />
          </Router>
        </Gate>
      </ErrorBoundary>
      </CrashScreen>
    </LocationProvider>
  );
}
