/**
 * Big one-tap choices as a radio group (arrow keys move, screen readers announce "1 of 6").
 * Tapping the chosen option again clears it: "not touched at this visit" must stay reachable.
 * The chosen option carries a check mark, so the state never depends on colour alone (sunlight, colour blindness).
 */
import { Icon } from './Icon';

interface Option<K extends string> {
  key: K;
  label: string;
  /** Full wording for screen readers and the long-press tooltip when `label` is a short form. */
  full?: string;
}

interface ChoicesProps<K extends string> {
  label: string;
  options: readonly Option<K>[];
  value: K | null;
  onChange: (value: K | null) => void;
  clearable?: boolean;
  classPrefix?: string;
  /** Two equal columns: six outcomes take three rows on a 360 px screen instead of six. */
  grid?: boolean;
  /** Three equal columns of short labels: six outcomes in two rows. */
  grid3?: boolean;
}

export function Choices<K extends string>({ label, options, value, onChange, clearable = true, classPrefix, grid, grid3 }: ChoicesProps<K>) {
  return (
    <div class={grid3 ? 'chips grid3' : grid ? 'chips grid2' : 'chips'} role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          type="button"
          key={o.key}
          role="radio"
          aria-checked={value === o.key ? 'true' : 'false'}
          aria-label={o.full}
          title={o.full}
          class={`chip ${classPrefix ? `${classPrefix}${o.key}` : ''}`}
          onClick={() => onChange(value === o.key && clearable ? null : o.key)}
        >
          {value === o.key && <Icon name="check" size={18} />}
          {o.label}
        </button>
      ))}
    </div>
  );
}

interface ToggleChipsProps<K extends string> {
  label: string;
  options: readonly Option<K>[];
  values: readonly K[];
  onChange: (values: K[]) => void;
}

/** Several may be chosen (filters, item details). */
export function ToggleChips<K extends string>({ label, options, values, onChange }: ToggleChipsProps<K>) {
  return (
    <div class="chips" role="group" aria-label={label}>
      {options.map((o) => {
        const on = values.includes(o.key);
        return (
          <button type="button" key={o.key} class="chip" aria-pressed={on ? 'true' : 'false'}
            onClick={() => onChange(on ? values.filter((v) => v !== o.key) : [...values, o.key])}>
            {on && <Icon name="check" size={18} />}
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
