/** "Đồng hồ điện thoại đang nhanh 366 ngày": shown after a sync that found the phone's clock far off the server's. */
import type { SyncReceipt } from '../../../data';
import { formatDate, formatTime, t } from '../../i18n';
import { clockOff } from './clockOff';

export function ClockNotice({ r }: { r: SyncReceipt }) {
  const off = clockOff(r.serverSkewMs);
  if (!off) return null;
  const right = new Date(Date.parse(r.at) + r.serverSkewMs!).toISOString();
  const d = t(off.unit === 'days' ? 'sync.clockDays' : 'sync.clockHours', { n: off.amount });
  return (
    <div class="notice warn" role="alert" data-testid="clock-notice">
      <p><strong>{t(off.fast ? 'sync.clockFast' : 'sync.clockSlow', { d })}</strong></p>
      <p>{t('sync.clockFix', { time: formatTime(right), date: formatDate(right) })}</p>
    </div>
  );
}
