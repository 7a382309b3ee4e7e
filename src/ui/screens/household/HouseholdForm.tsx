/**
 * Register or edit a household. Validation is the shared zod schema (run by the data layer), its Vietnamese message
 * shown next to the field. The first saved household is when we ask the browser to keep our data.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { getHousehold, isValidationError, requestPersistence, type HouseholdDetail } from '../../../data';
import { requestHouseholdRemoval, saveHousehold } from '../../../data/edits';
import { PRIORITY_KEYS } from '../../lib/enums';
import { formatDate, formatTime, t } from '../../i18n';
import { hamletId } from '../../state/session';
import { Screen, Loading } from '../../components/Screen';
import { Check, TextInput } from '../../components/Field';
import { ConfirmButton } from '../../components/Confirm';
import { PRIORITY_LABEL } from './labels';
import { MembersEditor } from './MembersEditor';
import { draftFromDetail, emptyDraft, toSave, withConsent, type HouseholdDraft } from './formModel';
import { dropKeptForm, keepForm, keptForm } from './keptForm';
import { returnTo } from '../../lib/nav';
import { errorText } from '../../lib/errors';

export function HouseholdForm() {
  const { params } = useRoute();
  const { route } = useLocation();
  const editing = params.id;
  // Typing left unsaved (another tab, Back, the app killed) comes back: keptForm.ts.
  const [kept] = useState(() => keptForm(editing));
  const [draft, setDraft] = useState<HouseholdDraft | null>(editing ? null : kept?.draft ?? emptyDraft(hamletId.value ?? ''));
  // The household as the form opened it: a sync may change it meanwhile, and only what the volunteer changed is saved.
  const [loaded, setLoaded] = useState<HouseholdDetail | null | undefined>(undefined);
  const [resumedAt, setResumedAt] = useState<string | null>(kept?.at ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!editing) return;
    void getHousehold(editing).then((d) => {
      if (!d) { dropKeptForm(editing); setLoaded(null); return; }
      setLoaded(kept?.loaded ?? d);
      setDraft(kept?.draft ?? draftFromDetail(d));
    });
  }, [editing]);

  const title = editing ? t('form.editTitle') : t('form.newTitle');
  if (editing && loaded === null) return <Screen title={title}><p class="notice warn">{t('household.notFound')}</p></Screen>;
  if (!draft) return <Screen title={title}><Loading /></Screen>;
  const update = (next: HouseholdDraft) => { setDraft(next); keepForm(editing, next, loaded ?? null); };
  const set = (patch: Partial<HouseholdDraft>) => update({ ...draft, ...patch });
  const discardTyping = async () => {
    dropKeptForm(editing);
    setResumedAt(null);
    const d = editing ? await getHousehold(editing) : undefined;
    setLoaded(d ?? (editing ? null : undefined));
    setDraft(d ? draftFromDetail(d) : emptyDraft(hamletId.value ?? ''));
  };

  async function submit(e: Event) {
    e.preventDefault();
    setSaving(true);
    try {
      const id = await saveHousehold(toSave(draft!, loaded ?? undefined));
      dropKeptForm(editing);
      void requestPersistence();
      returnTo(`/households/${id}`, route);
    } catch (err) {
      if (isValidationError(err)) setErrors(err.fieldErrors);
      else setErrors({ '': errorText(err) });
      // Bring the first message into view: on a 360 px screen it is usually below the fold.
      requestAnimationFrame(() => document.querySelector('.error')?.scrollIntoView({ block: 'center' }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Screen title={title}>
      {resumedAt && (
        <div class="notice row" role="status" data-testid="form-resumed">
          <span class="grow">{t('form.resumed', { time: formatTime(resumedAt), date: formatDate(resumedAt) })}</span>
          <button type="button" class="btn secondary" onClick={() => void discardTyping()}>{t('form.discardTyping')}</button>
        </div>
      )}
      <form class="stack" onSubmit={submit} noValidate data-testid="household-form">
        {/* Errors with no field of their own (the hamlet, the members list) show here too. */}
        {(errors[''] ?? errors.hamletId ?? errors.persons) && <p class="error" role="alert">{errors[''] ?? errors.hamletId ?? errors.persons}</p>}
        <TextInput id="hh-label" label={t('form.label')} hint={t('form.labelHint')} value={draft.label} onInput={(v) => set({ label: v })} error={errors.label} />
        <TextInput id="hh-house" label={t('form.houseNo')} value={draft.houseNo} onInput={(v) => set({ houseNo: v })} error={errors.houseNo} />
        <TextInput id="hh-alley" label={t('form.alley')} hint={t('form.alleyHint')} value={draft.alley} onInput={(v) => set({ alley: v })} error={errors.alley} />
        <TextInput id="hh-phone" label={t('form.phone')} hint={t('form.phoneHint')} type="tel" inputMode="tel" value={draft.phone}
          onInput={(v) => set({ phone: v })} error={errors.phone} />
        <MembersEditor members={draft.members} errors={errors}
          onChange={(members, removedId) => set({ members, removedPersonIds: removedId ? [...draft.removedPersonIds, removedId] : draft.removedPersonIds })} />
        <fieldset>
          <legend>{t('form.priority')}</legend>
          {PRIORITY_KEYS.map((k) => (
            <Check key={k} label={t(PRIORITY_LABEL[k])} checked={draft.priority[k]} onChange={(v) => set({ priority: { ...draft.priority, [k]: v } })} />
          ))}
        </fieldset>
        <Check label={t('form.producer')} checked={draft.producer} onChange={(v) => set({ producer: v })} />
        <fieldset class="stack">
          <legend>{t('form.consent')}</legend>
          <p class="small">{t('form.consentText')}</p>
          <Check label={t('form.consentGiven')} checked={draft.consentGiven} onChange={(v) => update(withConsent(draft, v))} />
          <TextInput id="hh-consent-on" label={t('form.consentOn')} type="date" value={draft.consentOn} onInput={(v) => set({ consentOn: v })} error={errors['consent.on']} />
          <TextInput id="hh-consent-by" label={t('form.consentBy')} value={draft.consentBy} onInput={(v) => set({ consentBy: v })} error={errors['consent.by']} />
        </fieldset>
        <p class="notice small">{t('form.neverStore')}</p>
        <button type="submit" class="btn block big" disabled={saving} data-testid="save-household">{saving ? t('common.saving') : t('common.save')}</button>
      </form>
      {editing && (
        <ConfirmButton label={t('form.removeRequest')} question={t('form.removeQuestion', { label: draft.label })} confirmLabel={t('form.removeConfirm')}
          onConfirm={async () => { await requestHouseholdRemoval(editing); dropKeptForm(editing); route('/households', true); }} />
      )}
    </Screen>
  );
}
