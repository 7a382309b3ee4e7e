/** Reading an enrolment code out of whatever a QR holds. Pure: no network, no storage. */
import { EnrolRequest } from '../../shared/protocol';

/**
 * A QR may hold the bare code ("ABCD-EFGH", any case, spaces) or a link such as https://…/welcome?code=ABCDEFGH
 * (what the leader's screen shows, so a phone's own camera app opens the app on the right page).
 * Returns the normalised 8-character code, or null for anything else.
 */
export function codeFromQr(text: string): string | null {
  let candidate = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) {
    try {
      candidate = new URL(candidate).searchParams.get('code') ?? '';
    } catch {
      return null;
    }
  }
  const parsed = EnrolRequest.shape.code.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
