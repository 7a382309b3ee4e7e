/**
 * One action at a time: a second tap while the first is still saving does nothing (the ref guards it before the
 * re-render disables the button). Elderly volunteers often tap twice; twice must not mean two events or two members.
 */
import { useRef, useState } from 'preact/hooks';

export function useBusy(): [boolean, (action: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = async (action: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return [busy, run];
}
