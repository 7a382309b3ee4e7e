/**
 * A hamlet's facts bundle: the facts of every household of the hamlet (from their digests) in one ASCII JSON string,
 * stored as one IndexedDB row per hamlet. The dashboard reads ~18 rows instead of 5,000 digests — IndexedDB's cost
 * is per row read far more than per byte (D19). Building a bundle is string concatenation, no parsing.
 */
import type { Priority } from './schema';
// Not schema.ts's PRIORITY_KEYS: importing a value from schema.ts would put zod on the first route (fields.ts).
import { PRIORITY_FIELD_NAMES as PRIORITY_KEYS } from './fields';
import { asciiJson, decodeFacts, DIGEST_VERSION, type Digest, type DigestFacts, type Facts } from './digest';

const priorityBits = (p: Priority): number => PRIORITY_KEYS.reduce((bits, k, i) => (p[k] ? bits | (1 << i) : bits), 0);
const priorityOf = (bits: number): Priority => Object.fromEntries(PRIORITY_KEYS.map((k, i) => [k, (bits & (1 << i)) !== 0])) as Priority;

/** [household id, label, priority bits, facts] per household, in the given order. */
export function bundleFacts(digests: readonly Pick<Digest, 'id' | 'label' | 'priority' | 'facts'>[]): string {
  return `[${digests.map((d) => `[${asciiJson(d.id)},${asciiJson(d.label)},${priorityBits(d.priority)},${d.facts}]`).join(',')}]`;
}

/** The stored bundle of one hamlet (households in id order), stamped with the facts encoding it was built with. */
export function hamletBundle(hamletId: string, digests: readonly Pick<Digest, 'id' | 'label' | 'priority' | 'facts'>[]): { hamletId: string; v: number; bundle: string } {
  return { hamletId, v: DIGEST_VERSION, bundle: bundleFacts(digests) };
}

export function unbundleFacts(hamletId: string, bundle: string): DigestFacts[] {
  const rows = JSON.parse(bundle) as [string, string, number, Facts][];
  return rows.map(([id, label, bits, facts]) => decodeFacts({ id, hamletId, priority: priorityOf(bits), label }, facts));
}
