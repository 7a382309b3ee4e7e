import { describe, expect, it } from 'vitest';
import { communeCounts, deriveFigures, monthPeriod, type ScopeCounts } from '../../src/shared/report';
import { fixture, H1, H2, H3, id, NOW, STALE_DAYS } from './report-fixtures';

const jan = communeCounts(fixture, { period: monthPeriod(2026, 1), now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS });
const feb = communeCounts(fixture, { period: monthPeriod(2026, 2), now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS });
const hamlet = (c: typeof jan, h: string): ScopeCounts => c.hamlets.find((s) => s.hamletId === h)!;

describe('household figures', () => {
  it('counts households visited in the period and ever, by Vietnam-time month', () => {
    expect(hamlet(jan, H1).households).toEqual({
      total: 2, visitedInPeriod: 2, visitedEver: 2, priorityTotal: 1, priorityReachedInPeriod: 1, priorityReachedEver: 1, notVisitedRecently: 1,
    });
    // Household a's 00:30 VN visit on 1 February is February's; b's amendment in February is not a February visit.
    expect(hamlet(feb, H1).households.visitedInPeriod).toBe(1);
    expect(hamlet(jan, H2).households).toEqual({
      total: 2, visitedInPeriod: 1, visitedEver: 1, priorityTotal: 1, priorityReachedInPeriod: 1, priorityReachedEver: 1, notVisitedRecently: 2,
    });
    expect(jan.commune.households.total).toBe(4);
    expect(jan.commune.households.visitedInPeriod).toBe(3);
    expect(jan.commune.visits).toEqual({ inPeriod: 3, activeVolunteers: 2 });
    expect(feb.commune.visits).toEqual({ inPeriod: 1, activeVolunteers: 1 });
  });
  it('gives an empty hamlet a row of zeros and no percentage (not 0 %)', () => {
    const h3 = hamlet(jan, H3);
    expect(h3.households.total).toBe(0);
    expect(h3.people.total).toBe(0);
    expect(deriveFigures(h3).coverageEverPct).toBeNull();
    expect(deriveFigures(h3).targets.every((t) => t.pct === null && !t.met)).toBe(true);
  });
  it('derives coverage percentages from counts', () => {
    const d = deriveFigures(jan.commune);
    expect(d.coverageEverPct).toBe(75);
    expect(d.coveragePeriodPct).toBe(75);
    expect(d.priorityNotYet).toBe(0);
    expect(deriveFigures(hamlet(feb, H2)).coveragePeriodPct).toBe(0);
  });
});

describe('checklist items', () => {
  it('counts people for person-scope items and households for household-scope items', () => {
    const h1 = hamlet(jan, H1).items;
    expect(h1.vneid_l1!.state).toMatchObject({ guided: 1, done: 1, had: 0 });
    expect(h1.e_wallet!.doneByDetail).toEqual({ momo: 1 });
    expect(h1.fraud_safety!.inPeriod.done).toBe(1);
    expect(h1.dvc_dossier!.inPeriod.done).toBe(1);
  });
  it('applies an amendment at the amended visit’s time', () => {
    const h1 = hamlet(jan, H1).items;
    expect(h1.bank_account!.inPeriod).toMatchObject({ had: 1, done: 1, guided: 0 });
    expect(h1.dvc_dossier!.doneByDetail).toEqual({ birth: 1, residence: 1 });
    expect(hamlet(feb, H1).items.bank_account!.inPeriod.done).toBe(0);
  });
  it('uses the latest outcome per person: state at period end, and only outcomes recorded in the period', () => {
    expect(hamlet(feb, H1).items.vneid_l1!.state).toMatchObject({ guided: 0, done: 2 });
    expect(hamlet(feb, H1).items.vneid_l1!.inPeriod).toMatchObject({ guided: 0, done: 1 });
    expect(hamlet(jan, H2).items.vneid_l2!.state.needs_help).toBe(1);
    expect(hamlet(jan, H2).items.vneid_l2!.inPeriod.needs_help).toBe(0);
    expect(hamlet(jan, H2).items.ecommerce_sell!.inPeriod.declined).toBe(1);
  });
  it('ignores outcomes of people no longer in the household', () => {
    expect(hamlet(jan, H2).items.vneid_l1!.state.done).toBe(0);
  });
});

describe('people and national targets', () => {
  it('counts ages in the period’s year and payment accounts from bank, mobile banking or e-wallet', () => {
    expect(hamlet(jan, H1).people).toEqual({ total: 4, aged15Plus: 3, aged15PlusWithPayment: 2, adults: 3, adultsWithSmartphone: 2, withHealthBook: 1 });
    expect(hamlet(jan, H2).people).toEqual({ total: 2, aged15Plus: 2, aged15PlusWithPayment: 0, adults: 1, adultsWithSmartphone: 1, withHealthBook: 0 });
    const t = deriveFigures(jan.commune).targets;
    expect(t.find((x) => x.key === 'payment_account')).toMatchObject({ part: 2, whole: 5, pct: 40, minPct: 80, met: false });
    expect(t.find((x) => x.key === 'smartphone')).toMatchObject({ part: 3, whole: 4, pct: 75, met: false });
    expect(t.find((x) => x.key === 'health_record')).toMatchObject({ part: 1, whole: 6, pct: 16.7, minPct: 90 });
  });
});

describe('follow-ups as of now', () => {
  it('lists open follow-ups: due within 7 days and overdue', () => {
    expect(hamlet(jan, H1).followUps).toEqual({ due: 1, overdue: 0 });
    expect(hamlet(jan, H2).followUps).toEqual({ due: 0, overdue: 1 });
    expect(jan.followUps).toEqual([
      { householdId: id('c'), hamletId: H2, on: '2026-01-20', overdue: true },
      { householdId: id('a'), hamletId: H1, on: '2026-02-12', overdue: false },
    ]);
  });
});

describe('events and team', () => {
  it('counts an event for each of its hamlets and once for the commune', () => {
    expect(hamlet(jan, H1).events).toEqual({ digitalDays: 1, groupSessions: 0, attendance: 120 });
    expect(hamlet(jan, H2).events).toEqual({ digitalDays: 1, groupSessions: 0, attendance: 120 });
    expect(jan.commune.events).toEqual({ digitalDays: 1, groupSessions: 1, attendance: 150 });
    expect(hamlet(feb, H1).events).toEqual({ digitalDays: 0, groupSessions: 1, attendance: 15 });
  });
  it('counts members by role at period end, joins, leaves and pending approvals', () => {
    const t = hamlet(jan, H1).team;
    expect(t.byRole).toMatchObject({ hamlet_leader: 1, member: 1, collaborator: 1, hamlet_deputy: 0 });
    expect(t).toMatchObject({ size: 2, joined: 1, left: 1, pending: 1 });
    expect(hamlet(jan, H2).team).toMatchObject({ size: 1, joined: 0 });
    expect(jan.commune.team.byRole.commune_leader).toBe(1);
    expect(jan.commune.team.byRole.admin).toBe(0);
    expect(deriveFigures(hamlet(jan, H1)).teamSizeOk).toBe(false);
  });
});

describe('bad input never crashes', () => {
  it('skips visits with a malformed time and unknown items', () => {
    const broken = {
      ...fixture,
      visits: [...fixture.visits, { ...fixture.visits[0]!, id: id('ff'), at: 'not a date' },
        { ...fixture.visits[0]!, id: id('fe'), outcomes: [{ item: 'future_app', personId: null, outcome: 'done' as const, details: [], other: '' }] }],
    };
    const c = communeCounts(broken, { period: monthPeriod(2026, 1), now: NOW, staleDays: STALE_DAYS });
    expect(c.commune.items.vneid_l1).toEqual(jan.commune.items.vneid_l1);
    expect(c.commune.visits.inPeriod).toBe(4);
  });
});
