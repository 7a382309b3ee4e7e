/**
 * A household's digest after one more visit, computed from its stored digest instead of its rows (D-V1): the save
 * of a visit then reads one digest and the ids of the household's visits (and people, when the visit names someone)
 * instead of every visit row. Exact, not approximate: the facts already hold everything the visit part of a digest
 * derives from (time, member, follow-up, amendment link, coded outcomes, people's order), and the ids restore what
 * the facts encode as positions, so the result equals buildDigest over the rows (tests compare them). Whenever that
 * cannot be guaranteed it returns undefined and the caller rebuilds from the rows.
 */
import { ITEM_KEYS, OUTCOMES, type Outcome } from './catalogue';
import { DIGEST_VERSION, visitPart, type Digest, type Facts, type VisitLike } from './digest';

/**
 * `visitIds` / `personIds`: the household's stored visit and people ids in id order (an index's keys come sorted);
 * `personIds` may be omitted when the new visit names no person. Undefined = rebuild from the rows: a digest of
 * another version or unreadable, ids that do not match the facts (a digest out of step), or an old outcome for
 * someone no longer in the household (the facts keep those as one "gone" person, the rows as distinct ids).
 */
export function digestWithVisit(d: Digest, visitIds: readonly string[], personIds: readonly string[] | undefined, visit: VisitLike): Digest | undefined {
  if (d.v !== DIGEST_VERSION) return undefined;
  let f: Facts;
  try { f = JSON.parse(d.facts) as Facts; } catch { return undefined; }
  if (!f || !Array.isArray(f.m) || !Array.isArray(f.p) || !Array.isArray(f.v) || f.v.length !== visitIds.length) return undefined;
  if (personIds ? personIds.length !== f.p.length : visit.outcomes.some((o) => o.personId !== null)) return undefined;
  // Without the people's ids (the visit names nobody), stand-ins in the same order keep every old reference.
  const pids = personIds ?? f.p.map((_, i) => String(i).padStart(6, '0'));
  const persons = f.p.map(([birthYear, smart], i) => ({ id: pids[i]!, birthYear, hasSmartphone: smart === 1 }));
  const visits: VisitLike[] = [];
  for (let i = 0; i < f.v.length; i++) {
    const [at, m, followUpOn, amends, facts] = f.v[i]!;
    const memberId = f.m[m];
    if (memberId === undefined || visitIds[i] === visit.id) return undefined;
    const outcomes: VisitLike['outcomes'] = [];
    for (const [item, p, o, details] of facts) {
      const key = typeof item === 'number' ? ITEM_KEYS[item] : item;
      if (key === undefined || p === -1 || (p !== null && pids[p] === undefined) || OUTCOMES[o] === undefined) return undefined;
      outcomes.push({ item: key, personId: p === null ? null : pids[p]!, outcome: OUTCOMES[o] as Outcome, details, other: '' });
    }
    const target = typeof amends === 'number' ? visitIds[amends] : amends;
    if (target === undefined) return undefined;
    visits.push({ id: visitIds[i]!, memberId, at, followUpOn, amends: target, outcomes });
  }
  // The new visit at its place in id order (usually last: ids are time-ordered, but a draft's id or a pulled visit
  // from a phone with a later clock can put it earlier).
  let at = visits.length;
  while (at > 0 && visits[at - 1]!.id > visit.id) at--;
  visits.splice(at, 0, visit);
  return { ...d, ...visitPart(persons, visits) };
}
