/**
 * The message catalogue: Vietnamese by default (full diacritics), English switchable and remembered on the device.
 * Keys are typed from vi.ts, so a missing English message is a type error, not a blank button.
 */
import { signal } from '@preact/signals';
import type { Lang } from '../../shared/catalogue';
import { vi } from './vi';
import type { MessageKey } from './keys';
import { VIETNAM_OFFSET_MS } from '../../shared/limits';

export type { MessageKey };
const LANG_STORAGE_KEY = 'tungnha.lang';
// English is loaded on demand: most volunteers never switch, and every KB of the first route counts.
const catalogues: Partial<Record<Lang, Partial<Record<MessageKey, string>>>> = { vi: { ...vi } };

/** Adds messages loaded with a lazy chunk (see screens.ts). */
export function addMessages(l: Lang, messages: Partial<Record<MessageKey, string>>): void {
  catalogues[l] = { ...catalogues[l], ...messages };
}

function rememberedLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked: still usable, just not remembered
  }
}

/** Starts in Vietnamese; switches once the remembered language's catalogue is loaded (see initLang). */
export const lang = signal<Lang>('vi');

async function loadCatalogue(next: Lang): Promise<void> {
  if (!catalogues[next]) catalogues[next] = (await import('./en')).en;
}

export async function setLang(next: Lang, remember = true): Promise<void> {
  await loadCatalogue(next);
  lang.value = next;
  document.documentElement.lang = next;
  if (!remember) return;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, next);
  } catch {
    /* not remembered; harmless */
  }
}

export function initLang(): Promise<void> {
  const remembered = rememberedLang();
  return remembered === 'vi' ? Promise.resolve() : setLang(remembered, false).catch(() => undefined);
}

export type Params = Record<string, string | number>;

/** Translate a key; `{name}` placeholders are filled from params. Reading `lang` subscribes the component. */
export function t(key: MessageKey, params?: Params): string {
  // A key whose chunk has not loaded yet shows the key itself, never crashes the screen.
  const text = catalogues[lang.value]?.[key] ?? catalogues.vi?.[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
}

/** A label from the shared catalogue ({ vi, en } objects) in the current language. */
export function pick(label: { vi: string; en: string }): string {
  return label[lang.value];
}

/**
 * dd/mm/yyyy and HH:MM by hand, in Vietnam time (UTC+7, no daylight saving) whatever zone the phone is set to: report
 * periods, follow-up dates and the receipt are Vietnam calendar dates (D14), and a printed report must say the same
 * date as its XLSX. By hand because building an Intl formatter loads ICU's locale data — ≈ 140 ms on a cheap phone,
 * on the household list's first paint; both vi-VN and en-GB write dates this way.
 */
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const vietnam = (iso: string): Date | null => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + VIETNAM_OFFSET_MS);
};

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`; // a calendar date
  const d = vietnam(iso);
  return d ? `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}` : iso;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = vietnam(iso);
  return d ? `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` : iso;
}

/** Vietnamese write 24,4 where English writes 24.4; by hand: no Intl on the first route. */
const decimalMark = (s: string, language: Lang) => (language === 'vi' ? s.replace('.', ',') : s);

/** A number with `digits` decimals in the UI's language. */
export function formatDecimal(n: number, digits: number): string {
  return decimalMark(n.toFixed(digits), lang.value);
}

/** A figure as shown on screen, in the UI's language unless told (exports keep plain numbers). */
export function formatNumber(n: number, language: Lang = lang.value): string {
  return decimalMark(String(n), language);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatDecimal(bytes / 1024, 1)} KB`;
  if (bytes < 1024 ** 3) return `${formatDecimal(bytes / 1024 ** 2, 1)} MB`;
  return `${formatDecimal(bytes / 1024 ** 3, 1)} GB`;
}
