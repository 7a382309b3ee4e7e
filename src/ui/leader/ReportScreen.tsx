/**
 * The monthly/quarterly report: the figures in the commune's structure, the leader's free text, submit (an immutable
 * snapshot that syncs), who has submitted, exports (XLSX, CSV — made in the worker) and a printable A4 page.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { uuidv7 } from '../../shared/ids';
import { useBusy } from '../lib/busy';
import { figureValues } from '../../shared/report/rows';
import { periodLabel } from '../../shared/report/period';
import { reportTable, type LeaderText } from '../../shared/report/table';
import { listReports, submitReport } from '../../data/reports';
import type { Report } from '../../shared/schema';
import type { Dashboard } from '../../worker/reports/dashboard';
import { formatDate, formatTime, lang } from '../i18n';
import { ExportButtons } from './ExportButtons';
import { ReportTableView } from './ReportTableView';
import { lt } from './messages';
import { errorText } from '../lib/errors';

const EMPTY: LeaderText = { difficulties: '', recommendations: '', commendations: '' };

export function ReportScreen({ d, scope }: { d: Dashboard; scope: string }) {
  const [text, setText] = useState<LeaderText>(EMPTY);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previous, setPrevious] = useState<Report[]>([]);
  const hamletId = scope === '' ? null : scope;
  const names = useMemo(() => new Map(d.hamlets.map((h) => [h.id, h.name])), [d]);
  const table = useMemo(() => reportTable({
    counts: d.counts, hamletNames: names, communeName: d.communeName, period: d.period, hamletId, staleDays: d.staleDays, text,
    dataAsOf: d.dataAsOf ? `${formatDate(d.dataAsOf)} ${formatTime(d.dataAsOf)}` : lt(d.enrolled ? 'pulledUnknown' : 'localOnly'),
  }), [d, hamletId, text, names]);
  useEffect(() => { void listReports().then(setPrevious); }, [saved]);

  // One id per submission: a second tap (or a retry) stores one report; the next submission gets a new one.
  const submission = useRef(uuidv7());
  const [busy, once] = useBusy();
  const submit = () => once(async () => {
    setError(null);
    const s = hamletId === null ? d.counts.commune : d.counts.hamlets.find((h) => h.hamletId === hamletId);
    if (!s) return;
    try {
      const r = await submitReport({ id: submission.current, hamletId, period: d.period, figures: { version: 1, staleDays: d.staleDays, values: figureValues(s, d.staleDays) }, ...text });
      submission.current = uuidv7();
      setSaved(r.submittedAt);
    } catch (e) {
      setError(errorText(e));
    }
  });
  const field = (key: keyof LeaderText) => (
    <label class="field" key={key}>
      {lt(`report.${key}`)}
      <textarea value={text[key]} maxLength={4000} data-testid={`report-${key}`}
        onInput={(e) => setText({ ...text, [key]: (e.target as HTMLTextAreaElement).value })} />
    </label>
  );
  return (
    <div class="stack">
      <h2 class="no-print">{lt('report.title', { period: periodLabel(d.period, lang.value) })}</h2>
      {lang.value === 'en' && <p class="small muted no-print">{lt('report.inVietnamese')}</p>}
      {/* The figures first: they are what the leader checks, writes about and sends. */}
      <div class="print-area"><ReportTableView table={table} /></div>
      <div class="card stack no-print">
        {field('difficulties')}{field('recommendations')}{field('commendations')}
        <button type="button" class="btn block big" disabled={busy} onClick={() => void submit()} data-testid="report-submit">{lt('report.submit')}</button>
        {saved && <p class="notice" role="status">{lt('report.submitted', { time: `${formatDate(saved)} ${formatTime(saved)}` })}</p>}
        {error && <p class="notice danger" role="alert">{lt('common.error', { message: error })}</p>}
      </div>
      <ExportButtons table={table} />
      {hamletId === null && (
        <section class="card no-print" aria-labelledby="who-h">
          <h3 id="who-h">{lt('report.whoSubmitted')}</h3>
          <ul class="list">
            {d.hamlets.map((h) => (
              <li key={h.id} class="row"><span class="grow">{h.name}</span>
                {d.submitted[h.id] ? <span class="tag">{formatDate(d.submitted[h.id])}</span> : <span class="tag warn">{lt('report.notSubmitted')}</span>}</li>
            ))}
          </ul>
        </section>
      )}
      {previous.length > 0 && (
        <section class="card no-print" aria-labelledby="prev-h">
          <h3 id="prev-h">{lt('report.previous')}</h3>
          <ul class="list">
            {previous.map((r) => (
              <li key={r.id} class="row">
                <span class="grow">{periodLabel(r.period, lang.value)} · {r.hamletId ? names.get(r.hamletId) ?? '' : lt('scope.commune')} · {formatDate(r.submittedAt)} {formatTime(r.submittedAt)}</span>
                <button type="button" class="btn secondary" onClick={() => setText({ difficulties: r.difficulties, recommendations: r.recommendations, commendations: r.commendations })}>
                  {lt('report.open')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
