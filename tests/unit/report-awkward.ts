/** Generated test data shared by the reference test and the columnar bundle test. */
import { catalogue } from '../../src/shared/catalogue';
import { createPrng, DEMO_NOW_MS, generateDemoCommune } from '../../src/shared/demo';
import type { EventRow, ReportInput, VisitRow } from '../../src/shared/report';

export const DAY_MS = 86_400_000;
const hex = (n: number) => `00000000-0000-7000-9000-${n.toString(16).padStart(12, '0')}`;

/**
 * A demo commune made awkward on purpose: amendments (also of amendments, late ones, and of unknown visits),
 * people removed after being visited, visits with a +07:00 offset, after `now`, malformed or with unknown items,
 * visits of households that are not in the list, a household listed twice, and events.
 */
export function awkwardCommune(seed: number) {
  const d = generateDemoCommune({ seed, households: 300, visitsPerHousehold: 4, now: DEMO_NOW_MS });
  const rnd = createPrng(seed * 7 + 1);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let n = 0;
  const visits: VisitRow[] = d.visits.map((v) => (rnd() < 0.1
    ? { ...v, at: new Date(Date.parse(v.at) + 7 * 3_600_000).toISOString().replace('Z', '+07:00').replace('.000+', '+') } : v));
  for (const v of d.visits.slice(0, 400)) {
    const roll = rnd();
    if (roll < 0.25) {
      // An amendment written days later: new outcomes (some marked done with details), sometimes a new follow-up.
      const outcomes = v.outcomes.map((o) => ({ ...o, outcome: pick(['done', 'had', 'needs_help', 'guided'] as const), details: o.details.length ? o.details : [] }));
      visits.push({ ...v, id: hex(++n), at: new Date(Date.parse(v.at) + (1 + rnd() * 20) * DAY_MS).toISOString(), amends: v.id, outcomes,
        followUpOn: rnd() < 0.3 ? '2026-11-25' : v.followUpOn, memberId: pick(d.members).id });
      if (rnd() < 0.3) visits.push({ ...visits[visits.length - 1]!, id: hex(++n), amends: v.id, outcomes: outcomes.slice(1) });
      // An amendment of an amendment changes nothing (only originals are amended).
      if (rnd() < 0.2) visits.push({ ...visits[visits.length - 1]!, id: hex(++n), amends: visits[visits.length - 1]!.id, outcomes: [] });
    } else if (roll < 0.3) visits.push({ ...v, id: hex(++n), at: new Date(DEMO_NOW_MS + rnd() * 30 * DAY_MS).toISOString() });
    else if (roll < 0.32) visits.push({ ...v, id: hex(++n), at: 'not a date', amends: rnd() < 0.5 ? v.id : null, outcomes: [] });
    else if (roll < 0.34) visits.push({ ...v, id: hex(++n), outcomes: [{ item: 'future_app', personId: null, outcome: 'done', details: [], other: '' }] });
    else if (roll < 0.36) visits.push({ ...v, id: hex(++n), amends: hex(999_999) });
    else if (roll < 0.38) visits.push({ ...v, id: hex(++n), householdId: hex(888_888) });
  }
  // Visits recording every item for everyone (more than the encoder's first guess of 4 outcomes per visit).
  for (const v of d.visits.slice(400, 500)) {
    const people = d.persons.filter((p) => p.householdId === v.householdId);
    const outcomes = catalogue().flatMap((it) => (it.scope === 'household' ? [null] : people.map((p) => p.id)).map((personId) => ({
      item: it.key, personId, outcome: pick(['done', 'had', 'needs_help', 'declined'] as const), details: it.details ? [it.details.options[0]!.key] : [], other: '',
    })));
    visits.push({ ...v, id: hex(++n), at: new Date(Date.parse(v.at) + DAY_MS).toISOString(), outcomes });
  }
  const persons = d.persons.filter(() => rnd() > 0.05);
  const households = [...d.households, { ...d.households[3]!, hamletId: d.hamlets[5]!.id }];
  const events: EventRow[] = d.hamlets.slice(0, 4).map((h, i) => ({
    id: hex(500 + i), hamletIds: i === 0 ? [] : [h.id, d.hamlets[0]!.id], kind: i % 2 ? 'digital_day' : 'group_session', on: `2026-10-${10 + i}`, attendance: 10 * i,
  }));
  const input: ReportInput = { households, persons, visits, events, members: d.members };
  return { d, input: structuredClone(input) };
}
