/** Per checklist item: people or households by outcome in the period, as bars and as a table with the same numbers. */
import { catalogue, OUTCOME_LABELS, type Outcome } from '../../shared/catalogue';
import type { ScopeCounts } from '../../shared/report/counts';
import { pick } from '../i18n';
import { lt } from './messages';

const SHOWN: Outcome[] = ['done', 'guided', 'had', 'needs_help'];

export function ItemBars({ scope }: { scope: ScopeCounts }) {
  const rows = catalogue().map((item) => ({ item, counts: scope.items[item.key]?.inPeriod }));
  const max = Math.max(1, ...rows.map((r) => SHOWN.reduce((n, o) => n + (r.counts?.[o] ?? 0), 0)));
  return (
    <section class="card stack" aria-labelledby="items-h">
      <h2 id="items-h">{lt('items')}</h2>
      <p class="legend small">
        {SHOWN.map((o) => <span key={o}><i class={`swatch o-${o}`} aria-hidden="true" /> {pick(OUTCOME_LABELS[o])}</span>)}
      </p>
      <ul class="list bars">
        {rows.map(({ item, counts }) => (
          <li key={item.key}>
            <div class="small">{pick(item)} <span class="muted">({lt(item.scope === 'person' ? 'items.unit.person' : 'items.unit.household')})</span></div>
            <div class="bar" aria-hidden="true">
              {SHOWN.map((o) => (counts?.[o] ? <span key={o} class={`o-${o}`} style={{ width: `${(100 * counts[o]) / max}%` }} /> : null))}
            </div>
          </li>
        ))}
      </ul>
      <details>
        <summary>{lt('common.table')}</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={lt('items')}>
          <table class="state" data-testid="items-table">
            <thead><tr><th scope="col">{lt('items')}</th>{SHOWN.map((o) => <th scope="col" key={o}>{pick(OUTCOME_LABELS[o])}</th>)}</tr></thead>
            <tbody>
              {rows.map(({ item, counts }) => (
                <tr key={item.key}><th scope="row">{pick(item)}</th>{SHOWN.map((o) => <td key={o} class="num">{counts?.[o] ?? 0}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
