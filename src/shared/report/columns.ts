/**
 * The figures' encoded input (PreparedVisits) from hamlets' columnar facts bundles (D-R4): the columns are copied
 * side by side, and only what is coded per bundle is translated — member, follow-up date and detail codes (each
 * bundle has its own small dictionary), counts into start positions, positions within a household into positions in
 * the commune. No visit object is made; each loop is a plain pass over typed arrays.
 * Codes are given in order of first appearance, bundle after bundle, as prepareVisits gives them over the same
 * households in the same order, so both produce the same arrays (tested).
 */
import { BIRTH_UNKNOWN, type HamletColumns } from '../hamlet-columns';
import type { HouseholdRow } from './counts';
import type { PreparedVisits } from './prepared';

export interface HamletColumnsRow { hamletId: string; columns: HamletColumns }
export type ColumnHousehold = HouseholdRow & { label: string };

/** Global codes for one bundle's dictionary: `into` collects names in order of first appearance. */
function translate(names: readonly string[], codes: Map<string, number>, into: string[]): Int32Array {
  const out = new Int32Array(names.length);
  names.forEach((name, i) => {
    let c = codes.get(name);
    if (c === undefined) { codes.set(name, (c = into.length)); into.push(name); }
    out[i] = c;
  });
  return out;
}

export function preparedFromColumns(
  bundles: readonly HamletColumnsRow[], priorityOf: (bits: number) => HouseholdRow['priority'],
): { households: ColumnHousehold[]; prepared: PreparedVisits } {
  let H = 0, P = 0, V = 0, O = 0, D = 0;
  for (const { columns: c } of bundles) { H += c.ids.length; P += c.birthYear.length; V += c.ms.length; O += c.item.length; D += c.detail.length; }
  const households: ColumnHousehold[] = [], household = new Map<string, number>();
  const personStart = new Int32Array(H + 1), personEnd = new Int32Array(H), personSlot = new Int32Array(P);
  const birthYear = new Float64Array(P), smartphone = new Uint8Array(P);
  const start = new Int32Array(H + 1), ms = new Float64Array(V), member = new Int32Array(V), followUp = new Int32Array(V);
  const orig = new Int32Array(V), content = new Int32Array(V), end = new Int32Array(H), outStart = new Int32Array(V + 1);
  const item = new Int8Array(O), outcome = new Int8Array(O), person = new Int32Array(O), detailStart = new Int32Array(O + 1), detail = new Int32Array(D);
  const memberCodes = new Map<string, number>(), followUpCodes = new Map<string, number>(), detailCodes = new Map<string, number>();
  const members: string[] = [], followUpDates: string[] = [], detailNames: string[] = [];
  let g = 0, p0 = 0, v0 = 0, o0 = 0, d0 = 0;
  for (const { hamletId, columns: c } of bundles) {
    for (let h = 0; h < c.ids.length; h++, g++) {
      const id = c.ids[h]!;
      households.push({ id, hamletId, priority: priorityOf(c.priority[h]!), label: c.labels[h]! });
      if (!household.has(id)) household.set(id, g);
      const ps = c.personStart[h]!, pe = c.personStart[h + 1]!;
      personStart[g] = p0 + ps; personEnd[g] = p0 + pe;
      for (let i = ps; i < pe; i++) personSlot[p0 + i] = i - ps + 1; // a bundle's people are distinct
      const vs = v0 + c.visitStart[h]!, n = c.effectiveCount[h]!;
      start[g] = vs; end[g] = vs + n;
      for (let i = 0; i < n; i++) { orig[vs + i] = vs + c.orig[vs - v0 + i]!; content[vs + i] = vs + c.content[vs - v0 + i]!; }
    }
    const years = c.birthYear;
    if (years instanceof Int16Array) for (let i = 0; i < years.length; i++) birthYear[p0 + i] = years[i] === BIRTH_UNKNOWN ? NaN : years[i]!;
    else birthYear.set(years, p0);
    smartphone.set(c.smartphone, p0);
    const memberOf = translate(c.members, memberCodes, members), dateOf = translate(c.followUpDates, followUpCodes, followUpDates);
    const detailOf = translate(c.details, detailCodes, detailNames);
    ms.set(c.ms, v0);
    for (let v = 0, o = o0; v < c.ms.length; v++) {
      member[v0 + v] = memberOf[c.member[v]!]!;
      const f = c.followUp[v]!;
      followUp[v0 + v] = f === 0 ? -1 : dateOf[f - 1]!;
      outStart[v0 + v] = o;
      o += c.outCount[v]!;
    }
    item.set(c.item, o0); outcome.set(c.outcome, o0); person.set(c.person, o0);
    for (let k = 0, i = 0; k < c.item.length; k++) {
      detailStart[o0 + k] = d0 + i;
      while (i < c.detail.length && c.detailOutcome[i] === k) { detail[d0 + i] = detailOf[c.detail[i]!]!; i++; }
    }
    p0 += c.birthYear.length; v0 += c.ms.length; o0 += c.item.length; d0 += c.detail.length;
  }
  personStart[H] = P; start[H] = V; outStart[V] = O; detailStart[O] = D;
  return {
    households,
    prepared: {
      household, ms, followUp, followUpDates, member, outStart, item, outcome, person, detailStart, detail, detailNames,
      start, end, orig, content, personStart, personEnd, personSlot, birthYear, smartphone,
    },
  };
}
