/**
 * What the volunteer has typed into the household form, kept in localStorage until it is saved or discarded: a tap on
 * another tab, the Back button, an app update's reload or the phone killing the app must not lose a household typed
 * at someone's door. localStorage because it is written synchronously on every keystroke. For an edit, the copy the
 * form opened with is kept too: only what was changed from it is saved (household-edits.ts `from`).
 */
import type { HouseholdDetail } from '../../../data';
import type { HouseholdDraft } from './formModel';

export interface KeptForm { draft: HouseholdDraft; loaded: HouseholdDetail | null; at: string }

const PREFIX = 'tungnha.householdForm.';
const key = (id: string | undefined) => `${PREFIX}${id ?? 'new'}`;

export function keptForm(id: string | undefined): KeptForm | null {
  try {
    const kept = JSON.parse(localStorage.getItem(key(id)) ?? 'null') as KeptForm | null;
    return kept && typeof kept === 'object' && kept.draft && Array.isArray(kept.draft.members) ? kept : null;
  } catch {
    return null;
  }
}

export function keepForm(id: string | undefined, draft: HouseholdDraft, loaded: HouseholdDetail | null, now = Date.now()): void {
  try {
    localStorage.setItem(key(id), JSON.stringify({ draft, loaded, at: new Date(now).toISOString() } satisfies KeptForm));
  } catch {
    // Storage full or unavailable: the form still works, it is just not kept.
  }
}

export function dropKeptForm(id: string | undefined): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    // nothing kept
  }
}

/** Every kept form: after "forget this phone" or removing the demo, no typed household may stay behind. */
export function dropAllKeptForms(): void {
  try {
    for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX)) localStorage.removeItem(k);
  } catch {
    // nothing kept
  }
}
