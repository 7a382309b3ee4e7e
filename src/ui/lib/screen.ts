/**
 * Lazy route screens. Each screen's code loads with the later screens' messages, on first use (precached by the
 * service worker, so offline too). A download that fails — a precache that never finished, caches the browser
 * evicted, a window left on an old version after an update — resolves to a message with a reload button: preact-iso
 * keeps a rejected load for good and its router ignores the rejection, so the tap would otherwise do nothing, forever.
 */
import { lazy } from 'preact-iso';
import { ScreenLoadFailed } from '../components/CrashScreen';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route components take the router's props
export type RouteComponent = preact.ComponentType<any>;
type Loader = () => Promise<RouteComponent | { default: RouteComponent }>;

export function loadScreen(load: Loader): Promise<RouteComponent> {
  return Promise.all([import('../i18n/screens'), load()]).then(
    ([, m]) => ('default' in m ? m.default : m),
    (error: unknown) => {
      console.error('screen', error);
      return ScreenLoadFailed;
    },
  );
}

export const screen = (load: Loader): RouteComponent => lazy(() => loadScreen(load));
