/** One (item, person) cell: six big one-tap outcomes, then the item's detail choices once an outcome is set. */
import type { CatalogueItem, Outcome } from '../../../shared/catalogue';
import { OUTCOMES, OUTCOME_LABELS } from '../../../shared/catalogue';
import type { VisitOutcome } from '../../../shared/schema';
import { pick } from '../../i18n';
import { Choices, ToggleChips } from '../../components/Choices';

interface Props {
  item: CatalogueItem;
  who: string;
  cell: VisitOutcome | undefined;
  onOutcome: (o: Outcome | null) => void;
  onDetails: (d: string[]) => void;
}

export function OutcomeCell({ item, who, cell, onOutcome, onDetails }: Props) {
  const label = who ? `${pick(item)} — ${who}` : pick(item);
  return (
    <div class="stack" data-cell={`${item.key}${who ? `:${who}` : ''}`}>
      {who && <div><strong>{who}</strong></div>}
      <Choices label={label} value={cell?.outcome ?? null} onChange={onOutcome} classPrefix="o-" grid
        options={OUTCOMES.map((o) => ({ key: o, label: pick(OUTCOME_LABELS[o]) }))} />
      {cell && item.details && (
        <div>
          <div class="small"><strong>{pick(item.details)}</strong></div>
          <ToggleChips label={`${label}: ${pick(item.details)}`} values={cell.details} onChange={onDetails}
            options={item.details.options.map((d) => ({ key: d.key, label: pick(d) }))} />
        </div>
      )}
    </div>
  );
}
