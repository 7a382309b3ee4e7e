/** The household form's editable shape and its conversion to/from the data layer (pure, no Preact). */
import type { HouseholdDetail } from '../../../data';
import type { HouseholdSave } from '../../../data/edits';
import type { Priority } from '../../../shared/schema';
import { NO_PRIORITY, vietnamToday } from '../../lib/enums';

export interface MemberDraft {
  id?: string;
  firstName: string;
  birthYear: string;
  hasSmartphone: boolean;
  sortName: string;
}

export interface HouseholdDraft {
  id?: string;
  hamletId: string;
  label: string;
  houseNo: string;
  alley: string;
  phone: string;
  priority: Priority;
  producer: boolean;
  consentGiven: boolean;
  consentOn: string;
  consentBy: string;
  /** Consent had been recorded (given or withdrawn): unticking then records a withdrawal, never erases the record. */
  consentRecorded: boolean;
  /** Kept as it was: the form does not offer free notes (people write ID numbers into free text). */
  note: string;
  members: MemberDraft[];
  removedPersonIds: string[];
}

export const today = (): string => vietnamToday();

export function emptyDraft(hamletId: string): HouseholdDraft {
  return {
    hamletId, label: '', houseNo: '', alley: '', phone: '', priority: { ...NO_PRIORITY }, producer: false,
    consentGiven: false, consentOn: today(), consentBy: '', consentRecorded: false, note: '', members: [], removedPersonIds: [],
  };
}

export function draftFromDetail(d: HouseholdDetail): HouseholdDraft {
  const h = d.household;
  return {
    id: h.id, hamletId: h.hamletId, label: h.label, houseNo: h.houseNo, alley: h.alley, phone: h.phone,
    priority: { ...h.priority }, producer: h.producer, consentGiven: h.consent?.given ?? false,
    consentOn: h.consent?.on ?? today(), consentBy: h.consent?.by ?? '', consentRecorded: h.consent !== null, note: h.note, removedPersonIds: [],
    members: d.persons.map((p) => ({ id: p.id, firstName: p.firstName, birthYear: p.birthYear ? String(p.birthYear) : '', hasSmartphone: p.hasSmartphone, sortName: p.sortName })),
  };
}

/** Ticking or unticking consent dates it today (the date stays editable). */
export function withConsent(d: HouseholdDraft, given: boolean): HouseholdDraft {
  return { ...d, consentGiven: given, consentOn: today() };
}

/**
 * Consent is recorded only once somebody ticks it or names who gave it: never pre-ticked; once recorded, it stays
 * (unticked = withdrawn). `loaded`: the household as the form opened it — only what changed from it is saved.
 */
export function toSave(d: HouseholdDraft, loaded?: HouseholdDetail): HouseholdSave {
  const consentTouched = d.consentRecorded || d.consentGiven || d.consentBy.trim() !== '';
  return {
    ...(d.id ? { id: d.id } : {}),
    ...(loaded ? { from: { household: loaded.household, persons: loaded.persons } } : {}),
    fields: {
      hamletId: d.hamletId, label: d.label, houseNo: d.houseNo, alley: d.alley, phone: d.phone, priority: d.priority,
      producer: d.producer, note: d.note,
      consent: consentTouched ? { given: d.consentGiven, on: d.consentOn, by: d.consentBy } : null,
    },
    persons: d.members.map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      fields: { firstName: m.firstName, birthYear: m.birthYear.trim() === '' ? null : Number(m.birthYear), hasSmartphone: m.hasSmartphone, sortName: m.sortName },
    })),
    removedPersonIds: d.removedPersonIds,
  };
}
