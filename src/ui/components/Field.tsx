/** A labelled form control with its validation message right under it (zod messages are already Vietnamese). */
import type { ComponentChildren } from 'preact';
import { fieldWords } from '../lib/field-words';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ComponentChildren;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && <div class="hint" id={`${id}-hint`}>{hint}</div>}
      {children}
      {error && <div class="error" id={`${id}-error`} role="alert">{fieldWords(error)}</div>}
    </div>
  );
}

interface TextInputProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  type?: 'text' | 'tel' | 'number' | 'date' | 'search';
  inputMode?: 'text' | 'numeric' | 'tel' | 'search';
  autoComplete?: string;
  placeholder?: string;
  /** A code, not words: capitals, no autocorrect or spelling suggestions. */
  plainKeys?: boolean;
}

export function TextInput(p: TextInputProps) {
  const describedBy = [p.hint && `${p.id}-hint`, p.error && `${p.id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <Field id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <input
        id={p.id}
        type={p.type ?? 'text'}
        inputMode={p.inputMode}
        autoComplete={p.autoComplete ?? 'off'}
        placeholder={p.placeholder}
        value={p.value}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...(p.plainKeys ? { autoCapitalize: 'characters', autoCorrect: 'off', spellcheck: false } : {})}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

interface CheckProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
}

export function Check({ label, checked, onChange, name }: CheckProps) {
  return (
    <label class="check">
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{label}</span>
    </label>
  );
}
