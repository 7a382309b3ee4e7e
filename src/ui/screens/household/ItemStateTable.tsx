/** Current state per checklist item, per person for person-scope items. Items of newer catalogues render by key. */
import { catalogue, OUTCOME_LABELS } from '../../../shared/catalogue';
import { cellKey, type ItemState } from '../../../shared/state';
import type { Person } from '../../../shared/schema';
import { formatDate, pick, t } from '../../i18n';

interface Props {
  state: Map<string, ItemState>;
  persons: Pick<Person, 'id' | 'firstName'>[];
  producer: boolean;
}

function Cell({ s }: { s: ItemState | undefined }) {
  if (!s) return <span class="muted">{t('state.none')}</span>;
  return <span><strong>{pick(OUTCOME_LABELS[s.outcome])}</strong> <span class="small muted">{formatDate(s.at)}</span></span>;
}

export function ItemStateTable({ state, persons, producer }: Props) {
  const items = catalogue().filter((i) => i.onlyFor !== 'producer' || producer);
  return (
    <section aria-labelledby="state-h">
      <h2 id="state-h">{t('household.state')}</h2>
      <table class="state">
        <thead><tr><th scope="col">{t('state.item')}</th><th scope="col">{t('state.current')}</th></tr></thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.key}>
              <th scope="row">{pick(item)}</th>
              <td>
                {item.scope === 'household' || persons.length === 0 ? <Cell s={state.get(cellKey(item.key, null))} /> : (
                  persons.map((p) => <div key={p.id}>{p.firstName}: <Cell s={state.get(cellKey(item.key, p.id))} /></div>)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
