/** This month, last month, this quarter or custom dates — periods in Vietnam time. */
import { useState } from 'preact/hooks';
import { customPeriod, monthPeriod, periodLabel, thisMonth, thisQuarter, vnYearMonth } from '../../shared/report/period';
import type { ReportPeriod } from '../../shared/schema';
import { lt } from './messages';
import { lang } from '../i18n';

interface Props { value: ReportPeriod; onChange: (p: ReportPeriod) => void }

export function PeriodChooser({ value, onChange }: Props) {
  const now = Date.now();
  const { year, month } = vnYearMonth(now);
  const last = month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
  const presets: [string, string, ReportPeriod][] = [
    ['month', lt('period.month'), thisMonth(now)], ['lastMonth', lt('period.lastMonth'), last], ['quarter', lt('period.quarter'), thisQuarter(now)],
  ];
  const [custom, setCustom] = useState(value.kind === 'custom');
  const same = (p: ReportPeriod) => !custom && p.from === value.from && p.to === value.to;
  return (
    <fieldset class="period-chooser">
      <legend>{lt('period.label')}: <span data-testid="period-label">{periodLabel(value, lang.value)}</span></legend>
      <div class="chips" role="group" aria-label={lt('period.label')}>
        {presets.map(([key, label, p]) => (
          <button type="button" key={key} class="chip" aria-pressed={same(p) ? 'true' : 'false'} data-testid={`period-${key}`}
            onClick={() => { setCustom(false); onChange(p); }}>{label}</button>
        ))}
        <button type="button" class="chip" aria-pressed={custom ? 'true' : 'false'} data-testid="period-custom" onClick={() => setCustom(true)}>
          {lt('period.custom')}
        </button>
      </div>
      {custom && (
        <div class="row">
          {(['from', 'to'] as const).map((end) => (
            <label class="field grow" key={end}>
              {lt(end === 'from' ? 'period.from' : 'period.to')}
              <input type="date" value={value[end]} data-testid={`period-${end}`}
                onChange={(e) => {
                  const v = (e.target as HTMLInputElement).value;
                  const next = customPeriod(end === 'from' ? v : value.from, end === 'to' ? v : value.to);
                  if (next) onChange(next);
                }} />
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
