/**
 * One (item, person) row inside an opened card: the name, six short outcomes in a 3×2 grid (full wording for screen
 * readers and as a tooltip), then the item's detail choices once an outcome is set.
 */
import type { CatalogueItem, Outcome } from '../../../shared/catalogue';
import { OUTCOMES, OUTCOME_LABELS } from '../../../shared/catalogue';
import type { VisitOutcome } from '../../../shared/schema';
import { pick, t } from '../../i18n';
import { Choices, ToggleChips } from '../../components/Choices';
import { OUTCOME_SHORT } from './itemSummary';

interface Props {
  item: CatalogueItem;
  who: string;
  cell: VisitOutcome | undefined;
  onOutcome: (o: Outcome | null) => void;
  onDetails: (d: string[]) => void;
}

/** The last two words kept on one line: in a narrow chip "Cần hỗ / trợ" splits a Vietnamese word (hỗ trợ). */
const glued = (s: string) => s.replace(/ (?=\S+$)/, '\u00a0');

export function OutcomeCell({ item, who, cell, onOutcome, onDetails }: Props) {
  const label = who ? `${pick(item)} — ${who}` : pick(item);
  return (
    <div class="outcome-row" data-cell={`${item.key}${who ? `:${who}` : ''}`}>
      {who && <div class="who">{who}</div>}
      <Choices label={label} value={cell?.outcome ?? null} onChange={onOutcome} classPrefix="o-" grid3
        options={OUTCOMES.map((o) => ({ key: o, label: glued(t(OUTCOME_SHORT[o])), full: pick(OUTCOME_LABELS[o]) }))} />
      {cell && item.details && (
        <div class="details">
          <div class="small"><strong>{pick(item.details)}</strong></div>
          <ToggleChips label={`${label}: ${pick(item.details)}`} values={cell.details} onChange={onDetails}
            options={item.details.options.map((d) => ({ key: d.key, label: pick(d) }))} />
        </div>
      )}
    </div>
  );
}
