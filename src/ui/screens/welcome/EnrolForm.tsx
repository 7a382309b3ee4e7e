/** Type the 8-character code the leader gave (spaces and dashes allowed); the server answers with our hamlets. */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { requestPersistence } from '../../../data';
import { t } from '../../i18n';
import { refreshSession } from '../../state/session';
import { startBackgroundSync } from '../../lib/sync';
import { TextInput } from '../../components/Field';
import { errorText } from '../../lib/errors';

export function EnrolForm({ initialCode }: { initialCode: string }) {
  const { route } = useLocation();
  const [code, setCode] = useState(initialCode);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    let result: Awaited<ReturnType<typeof import('../../lib/enrol').enrolDevice>>;
    try {
      // Loaded on submit: it validates with the shared zod schemas, which stay out of the first route.
      const { enrolDevice } = await import('../../lib/enrol');
      result = await enrolDevice(code);
    } catch (err) {
      result = { ok: false, message: errorText(err) };
    } finally {
      setBusy(false); // never left on "Đang đăng ký…"
    }
    if (!result.ok) {
      setError(result.message);
      return;
    }
    void requestPersistence();
    const s = await refreshSession();
    void startBackgroundSync(); // first pull brings the hamlet's households
    route(s && s.hamlets.length > 1 ? '/hamlets' : '/households');
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <TextInput id="enrol-code" label={t('welcome.codeLabel')} hint={t('welcome.codeHint')} value={code} onInput={setCode}
        error={error} autoComplete="one-time-code" plainKeys />
      <button type="submit" class="btn block" disabled={busy || !code.trim()}>{busy ? t('welcome.enrolling') : t('welcome.enrol')}</button>
    </form>
  );
}
