/**
 * Last line of defence: a render error shows a plain message and a way out instead of a white screen. Saved data
 * is in IndexedDB and the draft of a visit is saved on every change, so reloading loses nothing.
 */
import { Component, type ComponentChildren } from 'preact';
import { t } from '../i18n';
import { Screen } from './Screen';
import { session } from '../state/session';

interface State { error: unknown }

export class CrashScreen extends Component<{ children: ComponentChildren }, State> {
  override state: State = { error: null };

  override componentDidCatch(error: unknown): void {
    console.error('render', error);
    this.setState({ error });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main class="stack">
        <div class="stack" role="alert"><h1>{t('crash.title')}</h1><p>{t('crash.text')}</p></div>
        <button type="button" class="btn block big" onClick={() => window.location.assign('/households')}>{t('crash.reload')}</button>
      </main>
    );
  }
}

/**
 * A screen whose code could not be loaded (src/ui/lib/screen.ts): say so, keep the app around it (the list, which is
 * in the first bundle, still works offline), and reload to fetch it again once there is a connection.
 */
export function ScreenLoadFailed() {
  const enrolled = !!session.value; // before enrolment the list would only lead back to Welcome
  return (
    <Screen title={t('load.title')} tabs={enrolled}>
      <p role="alert">{t('load.text')}</p>
      {enrolled && <a class="btn block big" href="/households">{t('crash.reload')}</a>}
      <button type="button" class="btn secondary block" onClick={() => window.location.reload()}>{t('load.reload')}</button>
    </Screen>
  );
}

/** The phone's data could not be opened at start (src/ui/state/session.ts startupError): nothing is lost; try again. */
export function StartupFailed({ detail }: { detail: string }) {
  return (
    <main class="stack">
      <div class="stack" role="alert"><h1>{t('startup.title')}</h1><p>{t('startup.text')}</p></div>
      <button type="button" class="btn block big" onClick={() => window.location.reload()}>{t('startup.retry')}</button>
      <p class="muted small">{detail}</p>
    </main>
  );
}
