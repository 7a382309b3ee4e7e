/**
 * A hand-made commune with known answers, shared by the report unit tests and the client-vs-SQL server test.
 * Three hamlets (H3 empty), four households, visits on both sides of a month boundary in Vietnam time, an amendment,
 * a person who was removed, events and a roster. Expected figures are worked out by hand in report-figures.test.ts.
 */
import type { ReportInput } from '../../src/shared/report';
import type { Visit, VisitOutcome } from '../../src/shared/schema';
import { NO_PRIORITY } from '../../src/shared/schema';

/** Readable fixed UUIDs: id('a1') → "00000000-0000-7000-8000-0000000000a1". */
export const id = (tag: string): string => `00000000-0000-7000-8000-${tag.padStart(12, '0')}`;

export const COMMUNE = id('c0');
export const H1 = id('1001'), H2 = id('1002'), H3 = id('1003');
export const HAMLETS = [
  { id: H1, communeId: COMMUNE, name: 'Bản Nà Hẩu', formerNames: [], order: 1 },
  { id: H2, communeId: COMMUNE, name: 'Bản Khe Đát', formerNames: [], order: 2 },
  { id: H3, communeId: COMMUNE, name: 'Bản Đồng Tâm', formerNames: [], order: 3 },
];

const out = (item: string, personId: string | null, outcome: VisitOutcome['outcome'], details: string[] = []): VisitOutcome =>
  ({ item, personId, outcome, details, other: '' });

const visit = (tag: string, household: string, hamletId: string, member: string, at: string, outcomes: VisitOutcome[],
  extra: Partial<Visit> = {}): Visit => ({
  id: id(tag), householdId: id(household), hamletId, memberId: id(member), at, kind: 'home', outcomes, notes: '',
  followUpOn: null, catalogueVersion: 1, amends: null, ...extra,
});

export const fixture: ReportInput = {
  households: [
    { id: id('a'), hamletId: H1, priority: { ...NO_PRIORITY, elderly: true } },
    { id: id('b'), hamletId: H1, priority: NO_PRIORITY },
    { id: id('c'), hamletId: H2, priority: { ...NO_PRIORITY, poor: true } },
    { id: id('d'), hamletId: H2, priority: NO_PRIORITY },
  ],
  persons: [
    { id: id('a1'), householdId: id('a'), birthYear: 1950, hasSmartphone: false },
    { id: id('a2'), householdId: id('a'), birthYear: 1990, hasSmartphone: true },
    { id: id('a3'), householdId: id('a'), birthYear: 2015, hasSmartphone: false },
    { id: id('b1'), householdId: id('b'), birthYear: 1980, hasSmartphone: true },
    { id: id('c1'), householdId: id('c'), birthYear: 2008, hasSmartphone: true },
    { id: id('c2'), householdId: id('c'), birthYear: 2011, hasSmartphone: false },
  ],
  visits: [
    // 23:30 on 31 January, Vietnam time: January.
    visit('f1', 'a', H1, 'e1', '2026-01-31T16:30:00Z', [
      out('vneid_l1', id('a1'), 'guided'), out('vneid_l1', id('a2'), 'done'), out('bank_account', id('a2'), 'had'),
      out('e_wallet', id('a2'), 'done', ['momo']), out('fraud_safety', null, 'done'), out('health_book', id('a2'), 'done'),
    ]),
    // 00:30 on 1 February, Vietnam time: February.
    visit('f2', 'a', H1, 'e2', '2026-01-31T17:30:00Z', [out('vneid_l1', id('a1'), 'done'), out('qr_payment', id('a1'), 'needs_help')],
      { followUpOn: '2026-02-12' }),
    visit('f3', 'b', H1, 'e1', '2026-01-10T02:00:00Z', [out('dvc_dossier', null, 'done', ['birth']), out('bank_account', id('b1'), 'guided')]),
    // Amendment written in February, by another volunteer (e4), of the January visit f3: it replaces f3's outcomes at
    // f3's time; f3's visitor is still e1 (a correction does not change who came).
    visit('f4', 'b', H1, 'e4', '2026-02-03T02:00:00Z', [out('dvc_dossier', null, 'done', ['birth', 'residence']), out('bank_account', id('b1'), 'done')],
      { amends: id('f3') }),
    visit('f5', 'c', H2, 'e3', '2025-12-15T03:00:00Z', [out('vneid_l2', id('c1'), 'needs_help'), out('ecommerce_buy', null, 'had')],
      { followUpOn: '2026-01-20' }),
    // 99 was removed from the household: the outcome stays in the visit but no longer counts.
    visit('f6', 'c', H2, 'e3', '2026-01-05T03:00:00Z', [out('ecommerce_sell', null, 'declined'), out('vneid_l1', id('99'), 'done')]),
  ],
  events: [
    { id: id('d01'), hamletIds: [H1, H2], kind: 'digital_day', on: '2026-01-31', attendance: 120 },
    { id: id('d02'), hamletIds: [H1], kind: 'group_session', on: '2026-02-01', attendance: 15 },
    { id: id('d03'), hamletIds: [], kind: 'group_session', on: '2026-01-15', attendance: 30 },
  ],
  members: [
    { id: id('e1'), role: 'hamlet_leader', hamletIds: [H1], joinedOn: '2025-08-01', leftOn: null, status: 'approved' },
    { id: id('e2'), role: 'member', hamletIds: [H1], joinedOn: '2026-01-10', leftOn: null, status: 'approved' },
    { id: id('e4'), role: 'collaborator', hamletIds: [H1], joinedOn: '2025-08-01', leftOn: null, status: 'approved' },
    { id: id('e5'), role: 'member', hamletIds: [H1], joinedOn: '2025-08-01', leftOn: '2026-01-20', status: 'left' },
    { id: id('e6'), role: 'member', hamletIds: [H1], joinedOn: null, leftOn: null, status: 'proposed' },
    { id: id('e3'), role: 'hamlet_deputy', hamletIds: [H2], joinedOn: null, leftOn: null, status: 'approved' },
    { id: id('ec'), role: 'commune_leader', hamletIds: [], joinedOn: '2025-07-20', leftOn: null, status: 'approved' },
    { id: id('ea'), role: 'admin', hamletIds: [], joinedOn: null, leftOn: null, status: 'approved' },
  ],
};

/** 10:00 on 10 February 2026, Vietnam time. */
export const NOW = Date.parse('2026-02-10T03:00:00Z');
export const STALE_DAYS = 30;
