/**
 * The sync station (at the cultural house's Wi-Fi): one big button, progress in items and bytes, what went out
 * and came in, a receipt in words, the last error in plain words, and refused items with the server's reason.
 */
import { useEffect, useState } from 'preact/hooks';
import { lastSyncError, lastSyncReceipt, listOutbox, observe, type OutboxItem, type SyncError, type SyncReceipt } from '../../../data';
import { SYNC_MESSAGES } from '../../../sync/messages';
import { pick, t } from '../../i18n';
import { session, syncRunning, unsyncedCount } from '../../state/session';
import { lastResult, syncNow, syncProgress } from '../../lib/sync';
import { Screen } from '../../components/Screen';
import { SyncProgressView } from './SyncProgressView';
import { ReceiptView } from './ReceiptView';
import { ClockNotice } from './ClockNotice';
import { RejectedList } from './RejectedList';
import { OfflineNotice } from '../../pwa/OfflineNotice';

interface Snapshot {
  receipt: SyncReceipt | undefined;
  error: SyncError | undefined;
  outbox: OutboxItem[];
}

export function SyncStation() {
  const [snap, setSnap] = useState<Snapshot | null>(null);
  useEffect(() => observe(async () => ({ receipt: await lastSyncReceipt(), error: await lastSyncError(), outbox: await listOutbox() }), setSnap), []);
  const enrolled = !!session.value?.device;
  const refused = snap?.outbox.filter((o) => o.status !== 'pending') ?? [];
  const demoPending = snap?.outbox.filter((o) => o.demo && o.status === 'pending').length ?? 0;
  const problem = lastResult.value?.problem;

  return (
    <Screen title={t('sync.title')}>
      <p class="big" style={{ fontSize: '1.15rem' }} data-testid="sync-pending">{t('sync.pending', { n: unsyncedCount.value })}</p>
      {!enrolled && <p class="notice warn">{t('sync.notEnrolled')}</p>}
      <OfflineNotice always />
      {demoPending > 0 && <p class="notice small">{t('sync.demoNote', { n: demoPending })}</p>}
      <button type="button" class="btn block big" disabled={!enrolled || syncRunning.value} onClick={() => void syncNow()} data-testid="sync-now">
        {syncRunning.value ? t('sync.running') : t('sync.button')}
      </button>
      {syncProgress.value && <SyncProgressView p={syncProgress.value} />}
      {problem && !syncRunning.value && <p class="notice danger" role="alert">{pick(SYNC_MESSAGES[problem])}</p>}
      {!problem && snap?.error && <p class="notice danger">{t('sync.lastError')}: {pick(snap.error)}</p>}
      {snap?.receipt && <ClockNotice r={snap.receipt} />}
      {snap?.receipt ? <ReceiptView r={snap.receipt} /> : <p class="muted">{t('sync.never')}</p>}
      <RejectedList items={refused} />
      <p class="small muted">{t('sync.howItWorks')}</p>
    </Screen>
  );
}
