/** A destructive action behind a second, explicit tap (a native <dialog>: focus trapped, Esc cancels). */
import { useRef } from 'preact/hooks';
import { t } from '../i18n';

interface ConfirmProps {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  danger?: boolean;
}

export function ConfirmButton({ label, question, confirmLabel, onConfirm, danger = true }: ConfirmProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <button type="button" class={`btn block secondary ${danger ? 'danger' : ''}`} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} aria-label={label}>
        <p><strong>{question}</strong></p>
        <div class="row">
          <button type="button" class="btn secondary grow" onClick={close}>{t('common.cancel')}</button>
          <button type="button" class={`btn grow ${danger ? 'danger' : ''}`} onClick={async () => { close(); await onConfirm(); }}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
