/**
 * Record a visit. Every change is written to the draft in IndexedDB at once, so a half-done visit survives the
 * screen locking, the app being killed or an update. Save = recordVisit: visit + outbox entry + draft removal in one
 * transaction. The draft carries the visit id chosen when it was opened, so a double tap stores one visit. Opening the
 * form also reads ahead what the save will need (prepareVisit), so the tap on Save waits for one round trip, not two.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { discardDraft, getDraft, isValidationError, saveDraft, type VisitInput } from '../../../data';
import { prepareVisit, recordVisit } from '../../../data/edits';
import { uuidv7 } from '../../../shared/ids';
import { catalogue } from '../../../shared/catalogue';
import { VISIT_KINDS } from '../../lib/enums';
import { t } from '../../i18n';
import { Screen, Loading } from '../../components/Screen';
import { Choices } from '../../components/Choices';
import { ConfirmButton } from '../../components/Confirm';
import { TextInput } from '../../components/Field';
import { useHousehold } from '../household/useHousehold';
import { VISIT_KIND_LABEL } from '../household/labels';
import { ItemCard } from './ItemCard';
import type { Who } from './itemSummary';
import { needsFollowUp, setDetails, setOutcome, shownCells } from './visitModel';
import { returnTo } from '../../lib/nav';
import { errorText } from '../../lib/errors';

const HOUSEHOLD: Who[] = [{ id: null, who: '' }];
const toggled = (set: ReadonlySet<string>, key: string): Set<string> => {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
};

export function VisitForm() {
  const { params } = useRoute();
  const { route } = useLocation();
  const householdId = params.id ?? '';
  const d = useHousehold(householdId);
  const [draft, setDraft] = useState<VisitInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [draftError, setDraftError] = useState<string | null>(null);
  // Cards start folded (a 4-person household would otherwise be hundreds of buttons); several may be open at once.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // Draft writes are chained so the last change is on disk before Save, and none lands after it.
  const writes = useRef<Promise<void>>(Promise.resolve());
  const closed = useRef(false);

  useEffect(() => {
    void getDraft(householdId).then((existing) => {
      const next = existing ?? { householdId, id: uuidv7(), kind: 'home' as const, outcomes: [], notes: '', followUpOn: null };
      setDraft(next);
      void prepareVisit(householdId, next.id); // what Save needs, read now: the tap then waits less (D-V3)
    });
  }, [householdId]);

  function change(next: VisitInput) {
    setDraft(next);
    if (closed.current) return;
    const { updatedAt: _ignored, ...input } = next as VisitInput & { updatedAt?: string };
    // false: the household was erased meanwhile (a pulled removal); the screen follows its live query to "not found".
    // A failed write (a full phone) is said on screen: the line under the title must not keep promising it was kept.
    writes.current = writes.current.then(async () => { await saveDraft(input); setDraftError(null); }).catch((e: unknown) => {
      console.error('draft', e);
      setDraftError(errorText(e));
    });
  }

  if (d === undefined || !draft) return <Screen title={t('visit.title')}><Loading /></Screen>;
  if (d === null) return <Screen title={t('visit.title')}><p class="notice warn">{t('household.notFound')}</p></Screen>;
  const items = catalogue().filter((i) => i.onlyFor !== 'producer' || d.household.producer);
  const shown = shownCells(draft, d.persons.map((p) => p.id), items);
  const followUpNeeded = needsFollowUp(shown);
  const people = d.persons.map((p) => ({ id: p.id as string | null, who: p.firstName }));

  async function save(e: Event) {
    e.preventDefault();
    if (followUpNeeded && !draft!.followUpOn) {
      setErrors({ followUpOn: t('visit.followUpRequired') });
      requestAnimationFrame(() => document.getElementById('visit-followup')?.focus());
      return;
    }
    setSaving(true);
    closed.current = true;
    try {
      await writes.current;
      await recordVisit(shown); // what is on screen, nothing hidden
      returnTo(`/households/${householdId}`, route);
    } catch (err) {
      closed.current = false;
      void prepareVisit(householdId, draft!.id);
      setErrors(isValidationError(err) ? err.fieldErrors : { '': errorText(err) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Screen title={t('visit.title')}>
      <form class="stack" onSubmit={save} noValidate data-testid="visit-form">
        <h2 style={{ marginTop: 0 }}>{d.household.label}</h2>
        {draftError
          ? <p class="notice warn" role="alert" data-testid="draft-error">{t('visit.autosaveFailed', { reason: draftError })}</p>
          : <p class="small muted" role="status">{t('visit.autosaved')}</p>}
        <fieldset>
          <legend>{t('visit.kind')}</legend>
          <Choices label={t('visit.kind')} value={draft.kind} clearable={false} onChange={(k) => k && change({ ...draft, kind: k })}
            options={VISIT_KINDS.map((k) => ({ key: k, label: t(VISIT_KIND_LABEL[k]) }))} />
        </fieldset>
        <div class="item-cards">
          {items.map((item) => (
            <ItemCard key={item.key} item={item} people={item.scope === 'person' && d.persons.length ? people : HOUSEHOLD} draft={draft}
              state={d.state} open={open.has(item.key)} onToggle={() => setOpen(toggled(open, item.key))}
              onOutcome={(pid, o) => change(setOutcome(draft, item.key, pid, o))}
              onDetails={(pid, ds) => change(setDetails(draft, item.key, pid, ds))} />
          ))}
        </div>
        <div class="field">
          <label for="visit-notes">{t('visit.notes')}</label>
          <div class="hint" id="visit-notes-hint">{t('visit.notesHint')}</div>
          <textarea id="visit-notes" aria-describedby="visit-notes-hint" value={draft.notes} maxLength={1000}
            onInput={(e) => change({ ...draft, notes: e.currentTarget.value })} />
        </div>
        <TextInput id="visit-followup" type="date" label={followUpNeeded ? t('visit.followUpRequiredLabel') : t('visit.followUp')}
          value={draft.followUpOn ?? ''} error={errors.followUpOn}
          onInput={(v) => { setErrors({}); change({ ...draft, followUpOn: v || null }); }} />
        {errors[''] && <p class="error" role="alert">{errors['']}</p>}
        <button type="submit" class="btn block big" disabled={saving} data-testid="save-visit">{saving ? t('common.saving') : t('visit.save')}</button>
      </form>
      <ConfirmButton label={t('visit.discard')} question={t('visit.discardQuestion')} confirmLabel={t('visit.discardConfirm')}
        onConfirm={async () => { closed.current = true; await writes.current; await discardDraft(householdId); returnTo(`/households/${householdId}`, route); }} />
    </Screen>
  );
}
