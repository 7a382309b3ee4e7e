/**
 * The team roster per hamlet (or the commune team): roles, join/leave dates with approval status, contact, and the
 * team size against the plan's 5–10 rule. Joining and leaving are proposals until approved (member.put each step).
 */
import { useEffect, useState } from 'preact/hooks';
import { listMembers, saveMember, setMemberStatus } from '../../data/roster';
import { isValidationError } from '../../data/validation';
import { countsForTeamSize, inCommuneTeam, onTeam } from '../../shared/report/team';
import { TEAM_SIZE_MAX, TEAM_SIZE_MIN } from '../../shared/report/counts';
import { vnDate } from '../../shared/report/period';
import type { Member } from '../../shared/schema';
import { formatDate } from '../i18n';
import { lt, roleLabel } from './messages';
import { DevicesList } from './DevicesList';

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
  const add = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    try {
      await saveMember({ fields: { name: form.name, role: form.role, phone: form.phone.replace(/[\s.-]/g, '') || null, hamletIds: scope === '' ? [] : [scope] } });
      setForm({ name: '', role: 'member', phone: '' });
      reload();
    } catch (err) {
      setErrors(isValidationError(err) ? err.fieldErrors : { '': String(err) });
    }
  };
  const step = async (m: Member, status: Member['status']) => { await setMemberStatus(m.id, status, today); reload(); };
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
              {communeLevel && m.status === 'proposed' && <button type="button" class="btn secondary" onClick={() => step(m, 'approved')}>{lt('team.approve')}</button>}
              {m.status === 'approved' && <button type="button" class="btn secondary" onClick={() => step(m, 'leaving')}>{lt('team.leave')}</button>}
              {communeLevel && m.status === 'leaving' && <button type="button" class="btn secondary" onClick={() => step(m, 'left')}>{lt('team.approveLeave')}</button>}
            </div>
          </li>
        ))}
      </ul>
      {enrolled && <DevicesList scope={scope} />}
      <form class="card stack" onSubmit={add} aria-labelledby="add-h">
        <h2 id="add-h">{lt('team.add')}</h2>
        <label class="field">{lt('team.name')}<input value={form.name} onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })} />
          {errors.name && <span class="error">{errors.name}</span>}</label>
        <label class="field">{lt('team.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value as Member['role'] })}>
            {roles.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
          </select></label>
        <label class="field">{lt('team.phone')}<input type="tel" inputMode="tel" value={form.phone} onInput={(e) => setForm({ ...form, phone: (e.target as HTMLInputElement).value })} />
          {errors.phone && <span class="error">{errors.phone}</span>}</label>
        {errors[''] && <p class="error">{errors['']}</p>}
        <button type="submit" class="btn block">{lt('team.save')}</button>
      </form>
    </div>
  );
}
