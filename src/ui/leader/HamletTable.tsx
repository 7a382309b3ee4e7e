/** Commune leaders: all hamlets side by side — a sortable table (tap a heading) and a coverage bar per hamlet. */
import { useState } from 'preact/hooks';
import type { ScopeCounts } from '../../shared/report/counts';
import type { DerivedFigures } from '../../shared/report/targets';
import { lt, type LeaderKey } from './messages';
import { formatNumber } from '../i18n';

interface Row { id: string; name: string; total: number; period: number; coverage: number | null; overdue: number; submitted: boolean }
type Key = Exclude<keyof Row, 'id'>;

const COLUMNS: [Key, LeaderKey][] = [['name', 'col.hamlet'], ['total', 'col.total'], ['period', 'col.period'], ['coverage', 'col.coverage'], ['overdue', 'col.overdue'], ['submitted', 'col.submitted']];
const collator = new Intl.Collator('vi', { numeric: true });

interface Props {
  scopes: ScopeCounts[];
  derived: Record<string, DerivedFigures>;
  names: Map<string, string>;
  submitted: Record<string, string>;
  onOpen: (hamletId: string) => void;
}

export function HamletTable({ scopes, derived, names, submitted, onOpen }: Props) {
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: 'coverage', desc: false });
  const rows: Row[] = scopes.map((s) => ({
    id: s.hamletId!, name: names.get(s.hamletId!) ?? '—', total: s.households.total, period: s.households.visitedInPeriod,
    coverage: derived[s.hamletId!]?.coverageEverPct ?? null, overdue: s.followUps.overdue, submitted: !!submitted[s.hamletId!],
  }));
  const cmp = (a: Row, b: Row) => {
    const x = a[sort.key], y = b[sort.key];
    const r = typeof x === 'string' ? collator.compare(x, String(y)) : Number(x ?? -1) - Number(y ?? -1);
    return (sort.desc ? -r : r) || collator.compare(a.name, b.name);
  };
  rows.sort(cmp);
  return (
    <section class="card stack" aria-labelledby="hamlets-h">
      <h2 id="hamlets-h">{lt('hamlets')}</h2>
      <p class="small muted">{lt('hamlets.sort')} {lt('scrollHint')}</p>
      <div class="table-scroll">
        <table class="state sortable sticky-names" data-testid="hamlet-table">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th scope="col" key={key} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" class="th-sort" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'name' })}>
                    {lt(label)}{sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row"><button type="button" class="linklike" onClick={() => onOpen(r.id)}>{r.name}</button></th>
                <td class="num">{r.total}</td>
                <td class="num">{r.period}</td>
                <td class="num">
                  {r.coverage === null ? '—' : `${formatNumber(r.coverage)}%`}
                  <span class="minibar" aria-hidden="true"><span style={{ width: `${r.coverage ?? 0}%` }} /></span>
                </td>
                <td class="num">{r.overdue}</td>
                <td>{r.submitted ? '✓' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
