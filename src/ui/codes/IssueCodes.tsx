/**
 * Leaders issue one-time enrolment codes for new volunteers, shown as text and as a QR code the new phone scans.
 * Needs the server (online); the QR library is loaded only here. The server decides which roles a leader may issue.
 */
import { useState } from 'preact/hooks';
import { ROLES, type Role } from '../../shared/schema';
import { formatEnrolCode } from '../../shared/admin-protocol';
import { formatDate, formatTime, t } from '../i18n';
import { hamletId, isCommuneLevel, session } from '../state/session';
import { Screen } from '../components/Screen';
import { Choices } from '../components/Choices';
import { issueCode, type IssuedCode } from './issueCode';
import { QrImage } from './QrImage';

const HAMLET_ROLES: Role[] = ['member', 'collaborator', 'hamlet_deputy', 'hamlet_leader'];
const COMMUNE_ROLES_ISSUABLE: Role[] = ['commune_deputy', 'commune_leader'];

export default function IssueCodes() {
  const s = session.value;
  const [role, setRole] = useState<Role>('member');
  const [hamlet, setHamlet] = useState<string | null>(hamletId.value);
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roles = isCommuneLevel.value ? [...HAMLET_ROLES, ...COMMUNE_ROLES_ISSUABLE] : HAMLET_ROLES;
  const needsHamlet = HAMLET_ROLES.includes(role);

  async function submit() {
    setBusy(true);
    setError(null);
    const r = await issueCode(role, needsHamlet ? hamlet : null);
    setBusy(false);
    if (r.ok) setIssued(r.code);
    else setError(r.message);
  }

  if (!s?.device) return <Screen title={t('codes.title')}><p class="notice warn">{t('codes.needEnrolment')}</p></Screen>;
  const link = issued ? `${location.origin}/welcome?code=${issued.code}` : '';
  return (
    <Screen title={t('codes.title')}>
      <p>{t('codes.intro')}</p>
      <fieldset>
        <legend>{t('codes.role')}</legend>
        <Choices label={t('codes.role')} value={role} clearable={false} grid onChange={(r) => r && setRole(r)}
          options={roles.filter((r) => ROLES.includes(r)).map((r) => ({ key: r, label: t(`role.${r}`) }))} />
      </fieldset>
      {needsHamlet && (
        <div class="field">
          <label for="code-hamlet">{t('codes.hamlet')}</label>
          <select id="code-hamlet" value={hamlet ?? ''} onChange={(e) => setHamlet(e.currentTarget.value || null)}>
            {s.hamlets.filter((h) => !h.demo).map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
          </select>
        </div>
      )}
      <button type="button" class="btn block big" disabled={busy} onClick={() => void submit()}>{busy ? t('common.loading') : t('codes.issue')}</button>
      {error && <p class="notice danger" role="alert">{error}</p>}
      {issued && (
        <section class="card stack" aria-labelledby="code-h">
          <h2 id="code-h" style={{ marginTop: 0 }}>{t('codes.issued')}</h2>
          <p style={{ fontSize: '2rem', fontWeight: 800, letterSpacing: '0.12em', fontFamily: 'monospace' }} data-testid="issued-code">
            {formatEnrolCode(issued.code)}
          </p>
          <QrImage text={link} label={t('codes.qrLabel', { code: issued.code })} />
          <p class="small">{t('codes.expires', { date: formatDate(issued.expiresAt), time: formatTime(issued.expiresAt) })}</p>
        </section>
      )}
    </Screen>
  );
}
