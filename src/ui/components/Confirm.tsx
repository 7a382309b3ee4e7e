/**
 * A destructive action behind a second, explicit tap (a native <dialog>: focus trapped, Esc cancels). If the action
 * fails, its message shows under the button (nothing fails silently).
 */
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { errorText } from '../lib/errors';

interface ConfirmProps {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  danger?: boolean;
}

export function ConfirmButton({ label, question, confirmLabel, onConfirm, danger = true }: ConfirmProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => dialog.current?.close();
  const confirm = async () => {
    close();
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
      <button type="button" class={`btn block secondary ${danger ? 'danger' : ''}`} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} aria-label={label}>
        <p><strong>{question}</strong></p>
        <div class="row">
          <button type="button" class="btn secondary grow" onClick={close}>{t('common.cancel')}</button>
          <button type="button" class={`btn grow ${danger ? 'danger' : ''}`} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
      {error && <p class="error" role="alert">{error}</p>}
    </>
  );
}
