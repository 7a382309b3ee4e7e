/** "Edited on two phones": both values are shown; the leader resolves it (the winner by HLC is already applied). */
import type { FieldConflict } from '../../../shared/schema';
import { t } from '../../i18n';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function ConflictFlags({ conflicts }: { conflicts: FieldConflict[] }) {
  if (!conflicts.length) return null;
  return (
    <div class="notice danger" role="note">
      <strong>{t('household.conflicts')}</strong>
      <ul class="small">
        {conflicts.map((c, i) => <li key={i}>{c.field}: {t('household.conflictKept', { kept: show(c.kept), lost: show(c.lost) })}</li>)}
      </ul>
    </div>
  );
}
