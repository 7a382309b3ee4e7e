import type { SyncProgress } from '../../lib/sync';
import { formatBytes, t } from '../../i18n';

export function SyncProgressView({ p }: { p: SyncProgress }) {
  const pct = p.toSend > 0 ? Math.min(100, Math.round((p.sent / p.toSend) * 100)) : p.phase === 'done' ? 100 : 0;
  return (
    <div class="card stack" aria-live="polite">
      <div class="progress" role="progressbar" aria-label={t('sync.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div style={{ width: `${pct}%` }} />
      </div>
      <p>{t(`sync.phase.${p.phase}`)}{p.retryInMs ? ` — ${t('sync.retryIn', { s: Math.ceil(p.retryInMs / 1000) })}` : ''}</p>
      <p class="small">{t('sync.sentProgress', { sent: p.sent, total: p.toSend, bytes: formatBytes(p.bytesSent) })}</p>
      <p class="small">{t('sync.receivedProgress', { n: p.received, bytes: formatBytes(p.bytesReceived) })}</p>
    </div>
  );
}
