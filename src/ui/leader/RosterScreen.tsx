/**
 * The team roster per hamlet (or the commune team): roles, join/leave dates with approval status, contact, and the
 * team size against the plan's 5–10 rule. Joining and leaving are proposals until approved (member.put each step).
 */
import { useEffect, useState } from 'preact/hooks';
import { listMembers, saveMember, setMemberStatus } from '../../data/roster';
import { isValidationError } from '../../data/validation';
import { countsForTeamSize, inCommuneTeam, onTeam } from '../../shared/report/team';
import { TEAM_SIZE_MAX, TEAM_SIZE_MIN } from '../../shared/report/counts';
import { vnDate } from '../../shared/vn-date';
import type { Member } from '../../shared/schema';
import { formatDate } from '../i18n';
import { lt, roleLabel } from './messages';
import { DevicesList } from './DevicesList';
import { ConfirmButton } from '../components/Confirm';
import { useBusy } from '../lib/busy';
import { errorText } from '../lib/errors';

interface Props { scope: string; communeLevel: boolean; enrolled: boolean }

export function RosterScreen({ scope, communeLevel, enrolled }: Props) {
  const [members, setMembers] = useState<Member[]>([]);
  const [form, setForm] = useState({ name: '', role: 'member' as Member['role'], phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const reload = () => void listMembers().then(setMembers);
  useEffect(reload, []);
  const today = vnDate(Date.now());
  const team = members.filter((m) => m.role !== 'admin' && (scope === '' ? inCommuneTeam(m) : !inCommuneTeam(m) && m.hamletIds.includes(scope)));
  const size = team.filter((m) => onTeam(m, today) && countsForTeamSize(m)).length;
  const roles: Member['role'][] = scope === '' ? ['commune_leader', 'commune_deputy', 'member', 'collaborator'] : ['hamlet_leader', 'hamlet_deputy', 'member', 'collaborator'];
  const [busy, once] = useBusy();
  const add = (e: Event) => { e.preventDefault(); void once(addMember); };
  const addMember = async () => {
    setErrors({});
    try {
      await saveMember({ fields: { name: form.name, role: form.role, phone: form.phone.replace(/[\s.-]/g, '') || null, hamletIds: scope === '' ? [] : [scope] } });
      setForm({ name: '', role: 'member', phone: '' });
      reload();
    } catch (err) {
      setErrors(isValidationError(err) ? err.fieldErrors : { '': String(err) });
    }
  };
  const step = (m: Member, status: Member['status']) => once(async () => {
    setErrors({});
    try {
      await setMemberStatus(m.id, status, today);
    } catch (err) {
      setErrors({ '': errorText(err) });
    }
    reload();
  });
  const ok = size >= TEAM_SIZE_MIN && size <= TEAM_SIZE_MAX;
  return (
    <div class="stack">
      <p class={`notice ${ok ? '' : 'warn'}`} data-testid="team-size">{lt('team.size', { n: size })}{ok ? '' : ` — ${lt('team.sizeBad')}`}</p>
      <ul class="list card" data-testid="roster">
        {team.map((m) => (
          <li key={m.id} class="stack-tight roster-row">
            <div class="row"><strong class="grow">{m.name}</strong><span class="tag">{roleLabel(m.role)}</span>
              <span class={`tag ${m.status === 'approved' ? '' : 'warn'}`}>{lt(`status.${m.status}`)}</span></div>
            <div class="small muted">
              {m.joinedOn && lt('team.joined', { date: formatDate(m.joinedOn) })}{m.leftOn && ` · ${lt('team.left', { date: formatDate(m.leftOn) })}`}
              {m.phone && <> · <a href={`tel:${m.phone}`}>{m.phone}</a></>}
            </div>
            <div class="row">
              {communeLevel && m.status === 'proposed' && <button type="button" class="btn secondary" disabled={busy} onClick={() => void step(m, 'approved')}>{lt('team.approve')}</button>}
              {m.status === 'approved' && <button type="button" class="btn secondary" disabled={busy} onClick={() => void step(m, 'leaving')}>{lt('team.leave')}</button>}
              {/* Behind a second tap: it shows where "Xin rời tổ" was, and it stops the member's phone from syncing. */}
              {communeLevel && m.status === 'leaving' && <ConfirmButton label={lt('team.approveLeave')} question={lt('team.approveLeaveQuestion', { name: m.name })}
                confirmLabel={lt('team.approveLeave')} onConfirm={() => step(m, 'left')} />}
            </div>
          </li>
        ))}
      </ul>
      {errors[''] && <p class="error" role="alert">{errors['']}</p>}
      {enrolled && <DevicesList scope={scope} />}
      <form class="card stack" onSubmit={add} aria-labelledby="add-h">
        <h2 id="add-h">{lt('team.add')}</h2>
        <label class="field">{lt('team.name')}<input type="text" value={form.name} onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })} />
          {errors.name && <span class="error">{errors.name}</span>}</label>
        <label class="field">{lt('team.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value as Member['role'] })}>
            {roles.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
          </select></label>
        <label class="field">{lt('team.phone')}<input type="tel" inputMode="tel" value={form.phone} onInput={(e) => setForm({ ...form, phone: (e.target as HTMLInputElement).value })} />
          {errors.phone && <span class="error">{errors.phone}</span>}</label>
        <button type="submit" class="btn block" disabled={busy}>{lt('team.save')}</button>
      </form>
    </div>
  );
}
