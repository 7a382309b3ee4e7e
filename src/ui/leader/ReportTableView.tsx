/** A report table (the same model as XLSX/CSV) as HTML: on screen and on the printed A4 page. */
import type { ReportTable, TableSheet } from '../../shared/report/table';
import { formatNumber } from '../i18n';
import { lt } from './messages';

function Sheet({ sheet }: { sheet: TableSheet }) {
  return (
    <>
    {sheet.columns.length > 3 && <p class="small muted scroll-hint no-print">{lt('scrollHint')}</p>}
    <div class="table-scroll" tabIndex={0} role="region" aria-label={sheet.name}>
      <table class="state report-table">
        <thead><tr>{sheet.columns.map((c) => <th scope="col" key={c.header}>{c.header}</th>)}</tr></thead>
        <tbody>
          {sheet.rows.map((row, i) => {
            const heading = sheet.headings?.includes(i) ?? false;
            return (
              <tr key={i} class={heading ? 'section' : ''}>
                {row.map((cell, j) => (j === 0
                  ? <th scope="row" key={j} colSpan={heading ? row.length : 1}>{cell}</th>
                  : heading ? null : <td key={j} class={typeof cell === 'number' ? 'num' : ''}>{typeof cell === 'number' ? formatNumber(cell, 'vi') : cell ?? '—'}</td>))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
    </>
  );
}

export function ReportTableView({ table, sheets = 'all' }: { table: ReportTable; sheets?: 'all' | 'main' }) {
  const shown = sheets === 'main' ? table.sheets.slice(0, 1) : table.sheets;
  return (
    <div class="report-view" data-testid="report-table">
      <h2 class="print-title">{table.title}</h2>
      {shown.map((s) => <section key={s.name}><h3>{s.name}</h3><Sheet sheet={s} /></section>)}
    </div>
  );
}
