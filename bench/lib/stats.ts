/** Summaries for benchmark samples: min/median/max over runs, p95 within a run. */
export interface Summary { min: number; median: number; max: number; runs: number }

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest-rank: p95 of 200 samples is the 190th smallest, never an interpolated value nobody saw.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const p95 = (samples: readonly number[]) => quantile([...samples].sort((a, b) => a - b), 0.95);

export function summarise(samples: readonly number[]): Summary {
  const s = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: quantile(s, 0.5), max: s[s.length - 1] ?? NaN, runs: s.length };
}

/** Formats a number for a table: 3 significant figures, thousands separated. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(digits)).toString();
}

export const fmtSummary = (s: Summary, unit = '') => `${fmt(s.min)} / **${fmt(s.median)}** / ${fmt(s.max)}${unit ? ' ' + unit : ''}`;

export const kb = (bytes: number) => bytes / 1024;
