/** Open follow-ups (as of today), overdue first; each taps through to the household. */
import type { Dashboard } from '../../worker/reports/dashboard';
import { formatDate } from '../i18n';
import { lt } from './messages';

export function FollowUps({ d, scope }: { d: Dashboard; scope: string }) {
  const list = d.followUps.filter((f) => scope === '' || f.hamletId === scope);
  const names = new Map(d.hamlets.map((h) => [h.id, h.name]));
  if (list.length === 0) return <p class="notice">{lt('followUps.none')}</p>;
  return (
    <ul class="list" data-testid="follow-ups">
      {list.map((f) => (
        <li key={f.householdId}>
          <a class="rowlink" href={`/households/${f.householdId}`}>
            <strong>{f.label || '—'}</strong>{' '}
            {f.overdue ? <span class="tag danger">{lt('followUps.overdue')}</span> : null}
            <span class="small muted"> {lt('followUps.due', { date: formatDate(f.on) })} · {names.get(f.hamletId) ?? ''}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
