/** The team's phones and when each last synced (asked from the server; offline the leader is told so). */
import { useEffect, useState } from 'preact/hooks';
import { teamDevicesInWorker } from '../../worker/reports/client';
import type { TeamDevice } from '../../worker/reports/rollup';
import { formatDate, formatTime } from '../i18n';
import { lt } from './messages';

export function DevicesList({ scope }: { scope: string }) {
  const [devices, setDevices] = useState<TeamDevice[] | null | undefined>(undefined);
  useEffect(() => { void teamDevicesInWorker().then(setDevices).catch(() => setDevices(null)); }, []);
  if (devices === undefined) return null;
  const shown = (devices ?? []).filter((d) => scope === '' || d.hamletIds.includes(scope));
  return (
    <section class="card" aria-labelledby="dev-h">
      <h2 id="dev-h">{lt('devices.title')}</h2>
      {devices === null ? <p class="muted">{lt('devices.offline')}</p> : (
        <ul class="list" data-testid="devices">
          {shown.map((d) => (
            <li key={d.id} class="row roster-row">
              <span class="grow"><strong>{d.memberName}</strong> <span class="small muted">· {d.name}</span></span>
              {d.revokedAt ? <span class="tag danger">{lt('devices.revoked')}</span>
                : <span class="small">{d.lastSeenAt ? `${formatDate(d.lastSeenAt)} ${formatTime(d.lastSeenAt)}` : lt('devices.never')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
