/** "142 lượt thăm đã gửi lúc 16:05": the receipt volunteers show their leader. */
import type { SyncReceipt } from '../../../data';
import { formatBytes, formatDate, formatDecimal, formatTime, t } from '../../i18n';

/** "Nothing new to send" only when that is true: not for a failed run, nor for one whose visits were all refused. */
export const nothingNew = (r: Pick<SyncReceipt, 'ok' | 'rejected' | 'sent'>): boolean => r.ok && r.rejected === 0 && r.sent.visits === 0;

export function ReceiptView({ r }: { r: SyncReceipt }) {
  return (
    <section class="card stack" aria-labelledby="receipt-h" data-testid="sync-receipt">
      <h2 id="receipt-h" style={{ marginTop: 0 }}>{t('sync.receipt')}</h2>
      <p><strong>{nothingNew(r)
        ? t('sync.receiptNothingNew', { time: formatTime(r.at), date: formatDate(r.at) })
        : t('sync.receiptLine', { n: r.sent.visits, time: formatTime(r.at), date: formatDate(r.at) })}</strong></p>
      {r.sent.visits === 0 && r.lastSent && (
        <p data-testid="receipt-last-sent">{t('sync.receiptLastSent', { n: r.lastSent.visits, time: formatTime(r.lastSent.at), date: formatDate(r.lastSent.at) })}</p>
      )}
      <ul class="small">
        <li>{t('sync.sentHouseholds', { n: r.sent.households + r.sent.persons })}</li>
        {r.sent.removals > 0 && <li>{t('sync.sentRemovals', { n: r.sent.removals })}</li>}
        <li>{t('sync.received', { n: r.received })}</li>
        {r.rejected > 0 && <li><strong>{t('sync.rejectedCount', { n: r.rejected })}</strong></li>}
        <li>{t('sync.bytes', { up: formatBytes(r.bytesSent), down: formatBytes(r.bytesReceived), s: formatDecimal(r.durationMs / 1000, 1) })}</li>
      </ul>
    </section>
  );
}
