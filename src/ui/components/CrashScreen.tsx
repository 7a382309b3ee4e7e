/**
 * Last line of defence: a render error shows a plain message and a way out instead of a white screen. Saved data
 * is in IndexedDB and the draft of a visit is saved on every change, so reloading loses nothing.
 */
import { Component, type ComponentChildren } from 'preact';
import { t } from '../i18n';
import { Screen } from './Screen';
import { session } from '../state/session';

interface State { error: unknown }

/** A failure the app cannot show its screens for: what happened, said once to screen readers, and the way out. */
function Failure({ title, text, action, onAction, children }: { title: string; text: string; action: string; onAction: () => void; children?: ComponentChildren }) {
  return (
    <main class="stack">
      <div class="stack" role="alert"><h1>{title}</h1><p>{text}</p></div>
      <button type="button" class="btn block big" onClick={onAction}>{action}</button>
      {children}
    </main>
  );
}

export class CrashScreen extends Component<{ children: ComponentChildren }, State> {
  override state: State = { error: null };

  override componentDidCatch(error: unknown): void {
    console.error('render', error);
    this.setState({ error });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <Failure title={t('crash.title')} text={t('crash.text')} action={t('crash.reload')} onAction={() => window.location.assign('/households')} />;
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
    <Failure title={t('startup.title')} text={t('startup.text')} action={t('startup.retry')} onAction={() => window.location.reload()}>
      <p class="muted small">{detail}</p>
    </Failure>
  );
}
