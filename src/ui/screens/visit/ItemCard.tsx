/**
 * One checklist item as a folded card: the header says what was chosen so far and what earlier visits left, so a
 * volunteer sees the whole household on one screen and opens only the items being worked on.
 */
import type { CatalogueItem, Outcome } from '../../../shared/catalogue';
import type { ItemState } from '../../../shared/state';
import type { VisitInput } from '../../../data';
import { pick, t } from '../../i18n';
import { Icon } from '../../components/Icon';
import { OutcomeCell } from './OutcomeCell';
import { cellOf } from './visitModel';
import { chosenFor, earlierFor, OUTCOME_SHORT, type Who } from './itemSummary';

interface Props {
  item: CatalogueItem;
  people: Who[];
  draft: VisitInput;
  state: ReadonlyMap<string, ItemState>;
  open: boolean;
  onToggle: () => void;
  onOutcome: (personId: string | null, o: Outcome | null) => void;
  onDetails: (personId: string | null, d: string[]) => void;
}

function detailNames(item: CatalogueItem, keys: string[]): string {
  const names = keys.map((k) => item.details?.options.find((o) => o.key === k)).filter((o) => !!o).map((o) => pick(o));
  return names.length ? ` (${names.join(', ')})` : '';
}

export function ItemCard({ item, people, draft, state, open, onToggle, onOutcome, onDetails }: Props) {
  const bodyId = `item-${item.key}-body`;
  const chosen = chosenFor(draft, item.key, people);
  const summary = chosen.map((c) => `${c.who ? `${c.who}: ` : ''}${t(OUTCOME_SHORT[c.outcome])}${detailNames(item, c.details)}`).join(' · ');
  const earlier = earlierFor(state, item.key, people);
  const perPerson = item.scope === 'person' && people.some((p) => p.id);
  const earlierText = [
    earlier.has.length ? (perPerson ? t('visit.stateHas', { names: earlier.has.join(', ') }) : t('visit.stateHasHousehold')) : '',
    earlier.needsHelp.length ? (perPerson ? t('visit.stateNeeds', { names: earlier.needsHelp.join(', ') }) : t('visit.stateNeedsHousehold')) : '',
  ].filter(Boolean).join(' · ');
  return (
    <section class={`item-card${open ? ' open' : ''}${chosen.length ? ' touched' : ''}`} data-item={item.key}>
      <button type="button" class="item-head" aria-expanded={open ? 'true' : 'false'} aria-controls={open ? bodyId : undefined}
        onClick={onToggle} data-testid={`item-${item.key}`}>
        <span class="item-text">
          <span class="item-label">{pick(item)}</span>
          <span class={`item-summary${chosen.length ? '' : ' muted'}`} data-testid="item-summary">{summary || t('visit.notChosen')}</span>
          {earlierText && <span class="item-earlier">{earlierText}</span>}
        </span>
        <Icon name="chevron" size={24} />
      </button>
      {open && (
        <div id={bodyId} class="item-body">
          {item.hint && <p class="small muted">{pick(item.hint)}</p>}
          {people.map((p) => (
            <OutcomeCell key={p.id ?? '-'} item={item} who={p.who} cell={cellOf(draft, item.key, p.id)}
              onOutcome={(o) => onOutcome(p.id, o)} onDetails={(ds) => onDetails(p.id, ds)} />
          ))}
        </div>
      )}
    </section>
  );
}
