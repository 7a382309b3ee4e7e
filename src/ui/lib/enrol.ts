/**
 * Enrolment from the UI: validate the code, ask the server, store the answer through the data layer.
 * Errors come back as plain words for the volunteer (no status codes, no stack traces).
 */
import { saveEnrolment } from '../../data';
import { EnrolRequest, EnrolResponse, ApiError } from '../../shared/protocol';
import { lang, t } from '../i18n';

export { codeFromQr } from './enrol-code';

export type EnrolResult = { ok: true } | { ok: false; message: string };

function deviceName(): string {
  const ua = navigator.userAgent;
  const model = /Android [\d.]+; ([^;)]+)/.exec(ua)?.[1] ?? (/iPhone/.test(ua) ? 'iPhone' : /iPad/.test(ua) ? 'iPad' : 'Trình duyệt');
  return model.slice(0, 60);
}

export async function enrolDevice(code: string, serverUrl: string = location.origin): Promise<EnrolResult> {
  const request = EnrolRequest.safeParse({ code, deviceName: deviceName() });
  if (!request.success) return { ok: false, message: t('enrol.badCode') };
  let res: Response;
  try {
    res = await fetch(`${serverUrl}/api/v1/enrol`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.data),
    });
  } catch {
    return { ok: false, message: t('enrol.offline') };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 201 || res.ok) {
    const parsed = EnrolResponse.safeParse(body);
    if (!parsed.success) return { ok: false, message: t('enrol.badAnswer') };
    try {
      await saveEnrolment(parsed.data, serverUrl);
    } catch {
      // The code is spent by now: say so, and what to do (the phone's storage is the likely cause).
      return { ok: false, message: t('enrol.notSaved') };
    }
    return { ok: true };
  }
  if (res.status === 429) return { ok: false, message: t('enrol.tooMany') };
  const err = ApiError.safeParse(body);
  if (res.status === 400 || res.status === 401 || res.status === 404 || res.status === 409) {
    // The server's reason says which (wrong, used, expired, member gone); it is in Vietnamese.
    const reason = err.success ? err.data.error.message : null;
    if (!reason) return { ok: false, message: t('enrol.rejected') };
    return { ok: false, message: lang.value === 'vi' ? `${reason}.` : `${t('enrol.rejected')} (${reason})` };
  }
  return { ok: false, message: err.success ? err.data.error.message : t('enrol.serverError', { status: res.status }) };
}
