/** Members: first name, birth year and whether they have a smartphone — nothing more (minimal personal data). */
import { t } from '../../i18n';
import { Check, TextInput } from '../../components/Field';
import type { MemberDraft } from './formModel';

interface Props {
  members: MemberDraft[];
  errors: Record<string, string>;
  onChange: (members: MemberDraft[], removedId?: string) => void;
}

export function MembersEditor({ members, errors, onChange }: Props) {
  const update = (i: number, patch: Partial<MemberDraft>) => onChange(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <fieldset class="stack">
      <legend>{t('form.members')}</legend>
      {members.map((m, i) => (
        <div class="card stack" key={m.id ?? `new-${i}`}>
          <TextInput id={`m-${i}-name`} label={t('form.memberFirstName')} value={m.firstName} onInput={(v) => update(i, { firstName: v })}
            error={errors[`persons.${i}.firstName`]} />
          <TextInput id={`m-${i}-year`} label={t('form.memberBirthYear')} type="text" inputMode="numeric" value={m.birthYear}
            onInput={(v) => update(i, { birthYear: v.replace(/\D/g, '').slice(0, 4) })} error={errors[`persons.${i}.birthYear`]} />
          <Check label={t('form.memberSmartphone')} checked={m.hasSmartphone} onChange={(v) => update(i, { hasSmartphone: v })} />
          <button type="button" class="btn secondary danger" onClick={() => onChange(members.filter((_, j) => j !== i), m.id)}>
            {t('form.memberRemove', { name: m.firstName || String(i + 1) })}
          </button>
        </div>
      ))}
      <button type="button" class="btn block secondary" data-testid="add-member"
        onClick={() => onChange([...members, { firstName: '', birthYear: '', hasSmartphone: false, sortName: '' }])}>
        + {t('form.memberAdd')}
      </button>
    </fieldset>
  );
}
