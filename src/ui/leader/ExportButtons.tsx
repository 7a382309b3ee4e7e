/** XLSX and CSV of the table on screen, encoded in the worker (with progress), offered as a download; print opens the A4 page. */
import { useState } from 'preact/hooks';
import type { ReportTable } from '../../shared/report/table';
import { exportInWorker } from '../../worker/reports/client';
import { lt } from './messages';
import { errorText } from '../lib/errors';

interface Props { table: ReportTable }

function download(bytes: Uint8Array, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons({ table }: Props) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (format: 'xlsx' | 'csv') => {
    setMessage(null);
    setProgress({ done: 0, total: 1 });
    // Progress messages cross the worker boundary asynchronously and may arrive after the file: ignore those.
    let finished = false;
    try {
      const file = await exportInWorker({ format, table }, (done, total) => { if (!finished) setProgress({ done, total }); });
      finished = true;
      download(file.bytes, file.fileName, file.mime);
      setMessage(lt('export.done', { name: file.fileName }));
    } catch (e) {
      setMessage(lt('common.error', { message: errorText(e) }));
    } finally {
      finished = true;
      setProgress(null);
    }
  };
  return (
    <section class="card stack no-print" aria-labelledby="export-h">
      <h3 id="export-h">{lt('export.title')}</h3>
      <div class="row">
        <button type="button" class="btn grow" disabled={!!progress} onClick={() => run('xlsx')} data-testid="export-xlsx">{lt('export.xlsx')}</button>
        <button type="button" class="btn secondary grow" disabled={!!progress} onClick={() => run('csv')} data-testid="export-csv">{lt('export.csv')}</button>
      </div>
      <button type="button" class="btn secondary block" onClick={() => window.print()} data-testid="export-print">{lt('export.print')}</button>
      {progress && (
        <div role="status">
          <progress class="progress" max={progress.total} value={progress.done} />
          <span class="small">{lt('export.progress', progress)}</span>
        </div>
      )}
      {message && <p class="small" role="status" data-testid="export-message">{message}</p>}
    </section>
  );
}
