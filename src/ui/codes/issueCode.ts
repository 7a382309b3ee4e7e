/** POST /api/v1/codes with this device's token. Errors in plain words; the server enforces who may issue what. */
import { getDevice } from '../../data';
import { ApiError } from '../../shared/protocol';
import type { Role } from '../../shared/schema';
import { t } from '../i18n';

export interface IssuedCode {
  code: string;
  expiresAt: string;
}

export async function issueCode(role: Role, hamletId: string | null): Promise<{ ok: true; code: IssuedCode } | { ok: false; message: string }> {
  const device = await getDevice();
  if (!device) return { ok: false, message: t('codes.needEnrolment') };
  let res: Response;
  try {
    res = await fetch(`${device.serverUrl}/api/v1/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
      body: JSON.stringify({ role, hamletIds: hamletId ? [hamletId] : [] }),
    });
  } catch {
    return { ok: false, message: t('codes.offline') };
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok && body && typeof body === 'object' && typeof (body as IssuedCode).code === 'string') {
    const b = body as IssuedCode;
    return { ok: true, code: { code: b.code, expiresAt: String(b.expiresAt) } };
  }
  if (res.status === 403) return { ok: false, message: t('codes.forbidden') };
  const err = ApiError.safeParse(body);
  return { ok: false, message: err.success ? err.data.error.message : t('enrol.serverError', { status: res.status }) };
}
