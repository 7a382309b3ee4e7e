/** Events: record a Ngày hội or a group session (offline; synced later) and see those recorded. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { recordEvent, listEvents } from '../../data/events';
import { isValidationError } from '../../data/validation';
import { catalogue } from '../../shared/catalogue';
import { vnDate } from '../../shared/vn-date';
import type { TeamEvent } from '../../shared/schema';
import { ToggleChips } from '../components/Choices';
import { formatDate, pick } from '../i18n';
import { lt } from './messages';
import { errorText } from '../lib/errors';
import { useBusy } from '../lib/busy';
import { attendanceOf } from './attendance';
import { uuidv7 } from '../../shared/ids';
import { NOTE_MAX_CHARS } from '../../shared/limits';

interface Props { hamlets: { id: string; name: string }[]; defaultHamletId: string | null; onSaved: () => void }

/** A fresh form; its id makes a second tap on "Lưu" (or a retry) store one event, not two. */
const blank = (hamletId: string | null) => ({
  id: uuidv7(), kind: 'group_session' as TeamEvent['kind'], on: vnDate(Date.now()), place: '', topic: '', attendance: '', notes: '',
  hamletIds: hamletId ? [hamletId] : [] as string[], items: [] as string[],
});

export function EventsScreen({ hamlets, defaultHamletId, onSaved }: Props) {
  const [form, setForm] = useState(blank(defaultHamletId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [events, setEvents] = useState<TeamEvent[]>([]);
  const [saved, setSaved] = useState(false);
  const reload = () => void listEvents().then(setEvents);
  useEffect(reload, []);
  const set = (patch: Partial<typeof form>) => { setSaved(false); setForm({ ...form, ...patch }); };
  const [busy, once] = useBusy();
  const formRef = useRef<HTMLFormElement>(null);
  const store = async () => {
    setErrors({});
    const attendance = attendanceOf(form.attendance);
    if (attendance === null) { setErrors({ attendance: lt('events.attendanceDigits') }); showFirstError(); return; }
    try {
      await recordEvent({ ...form, attendance });
      setForm(blank(defaultHamletId));
      setSaved(true);
      reload();
      onSaved();
    } catch (err) {
      setErrors(isValidationError(err) ? err.fieldErrors : { '': errorText(err) });
      showFirstError();
    }
  };
  const save = (e: Event) => { e.preventDefault(); void once(store); };
  // The form is long: an error far above the Save button must come into view, or the tap looks like nothing.
  const showFirstError = () => requestAnimationFrame(() => {
    const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .error');
    el?.scrollIntoView({ block: 'center' });
    el?.focus?.();
  });
  const input = (key: 'place' | 'topic' | 'on' | 'attendance', type = 'text') => (
    <label class="field">
      {lt(`events.${key}`)}
      <input type={type} value={form[key]} inputMode={key === 'attendance' ? 'numeric' : undefined} data-testid={`event-${key}`}
        onInput={(e) => set({ [key]: (e.target as HTMLInputElement).value })} aria-invalid={errors[key] ? 'true' : undefined} />
      {errors[key] && <span class="error">{errors[key]}</span>}
    </label>
  );
  return (
    <div class="stack">
      <form ref={formRef} class="card stack" onSubmit={save} aria-labelledby="ev-h" data-testid="event-form">
        <h2 id="ev-h">{lt('events.new')}</h2>
        <div class="chips" role="radiogroup" aria-label={lt('events.kind')}>
          {(['digital_day', 'group_session'] as const).map((k) => (
            <button type="button" key={k} role="radio" class="chip" aria-checked={form.kind === k ? 'true' : 'false'} onClick={() => set({ kind: k })}>{lt(`events.${k}`)}</button>
          ))}
        </div>
        {input('on', 'date')}{input('place')}{input('topic')}{input('attendance')}
        <fieldset><legend>{lt('events.hamlets')}</legend>
          <ToggleChips label={lt('events.hamlets')} options={hamlets.map((h) => ({ key: h.id, label: h.name }))} values={form.hamletIds} onChange={(v) => set({ hamletIds: v })} />
        </fieldset>
        <fieldset><legend>{lt('events.items')}</legend>
          <ToggleChips label={lt('events.items')} options={catalogue().map((i) => ({ key: i.key, label: pick(i) }))} values={form.items} onChange={(v) => set({ items: v })} />
        </fieldset>
        <label class="field">{lt('events.notes')}<textarea value={form.notes} maxLength={NOTE_MAX_CHARS} onInput={(e) => set({ notes: (e.target as HTMLTextAreaElement).value })} />
          {errors.notes && <span class="error">{errors.notes}</span>}</label>
        {(errors[''] ?? errors.hamletIds ?? errors.items ?? errors.kind) && <p class="error" role="alert">{errors[''] ?? errors.hamletIds ?? errors.items ?? errors.kind}</p>}
        <button type="submit" class="btn block big" disabled={busy} data-testid="event-save">{lt('events.save')}</button>
        {saved && <p class="notice" role="status">{lt('events.saved')}</p>}
      </form>
      <section class="card" aria-labelledby="evl-h">
        <h2 id="evl-h">{lt('events.list')}</h2>
        {events.length === 0 ? <p class="muted">{lt('events.none')}</p> : (
          <ul class="list" data-testid="event-list">
            {events.map((ev) => (
              <li key={ev.id} class="stack-tight">
                <strong>{ev.topic}</strong> <span class="tag">{lt(`events.${ev.kind}`)}</span>
                <div class="small muted">{formatDate(ev.on)} · {ev.place} · {ev.attendance} {lt('items.unit.person')}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
