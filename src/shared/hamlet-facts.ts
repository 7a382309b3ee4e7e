/**
 * A hamlet's facts bundle: the facts of every household of the hamlet (from their digests), stored as one IndexedDB
 * row per hamlet. The dashboard reads ~18 rows instead of 5,000 digests — IndexedDB's cost is per row read far more
 * than per byte (D19). Since D-R4 the stored bundle is columnar (hamlet-columns.ts); the JSON form below (the
 * bundles of DIGEST_VERSION 2) stays as the readable one, for probes and tests.
 */
import type { Priority } from './schema';
// Not schema.ts's PRIORITY_KEYS: importing a value from schema.ts would put zod on the first route (fields.ts).
import { PRIORITY_FIELD_NAMES as PRIORITY_KEYS } from './fields';
import { asciiJson, decodeFacts, DIGEST_VERSION, type Digest, type DigestFacts, type Facts } from './digest';
import { encodeColumns, type BundleSource, type HamletColumns } from './hamlet-columns';

/**
 * Stamp of a stored bundle; a bundle with another stamp is rebuilt from the digests. It follows DIGEST_VERSION (the
 * facts it is built from) and the columns' layout: 201 = columns of facts v2 (the JSON bundles were stamped 2); 202 = 1-byte codes and
 * 2-byte birth years where they fit (D-R5).
 */
export const BUNDLE_VERSION = DIGEST_VERSION * 100 + 2;

export const priorityBits = (p: Priority): number => PRIORITY_KEYS.reduce((bits, k, i) => (p[k] ? bits | (1 << i) : bits), 0);
const makePriority = (bits: number): Priority => Object.fromEntries(PRIORITY_KEYS.map((k, i) => [k, (bits & (1 << i)) !== 0])) as Priority;
/** One frozen object per combination of bits (32), shared by every household that has it: 5,000 households, no allocation. */
const PRIORITIES = Array.from({ length: 1 << PRIORITY_KEYS.length }, (_, bits) => Object.freeze(makePriority(bits)));
export const priorityOf = (bits: number): Priority => PRIORITIES[bits] ?? makePriority(bits);

/** [household id, label, priority bits, facts] per household, in the given order (the JSON form). */
export function bundleFacts(digests: readonly Pick<Digest, 'id' | 'label' | 'priority' | 'facts'>[]): string {
  return `[${digests.map((d) => `[${asciiJson(d.id)},${asciiJson(d.label)},${priorityBits(d.priority)},${d.facts}]`).join(',')}]`;
}

/** The stored bundle of one hamlet (households in id order), stamped with the encoding it was built with. */
export function hamletBundle(hamletId: string, digests: readonly BundleSource[]): { hamletId: string; v: number; bundle: HamletColumns } {
  return { hamletId, v: BUNDLE_VERSION, bundle: encodeColumns(digests, (d) => priorityBits(d.priority)) };
}

/** The JSON form back to the rows the figures read. */
export function unbundleFacts(hamletId: string, bundle: string): DigestFacts[] {
  const rows = JSON.parse(bundle) as [string, string, number, Facts][];
  return rows.map(([id, label, bits, facts]) => decodeFacts({ id, hamletId, priority: priorityOf(bits), label }, facts));
}
