import { RITUAL_LIMITS, ritualKind, type RitualKindId, type RitualView } from '../../../api/contract';
import { choiceFromRule, nextOccurrences, ruleFromChoice, type RepeatChoice, type Weekday } from '../../../api/rituals';
import { wallClock } from '../ritualTime';

/** How often, as the form offers it; `custom` shows the raw rule. */
export type RepeatEvery = 'week' | 'twoWeeks' | 'month' | 'quarter' | 'custom';
/** Which weekday of the month: 1st … 5th, or -1 for the last. */
export type Nth = 1 | 2 | 3 | 4 | 5 | -1;

/** The form's fields as typed: numbers stay text until they are checked. */
export interface RitualFormFields {
  kind: RitualKindId;
  title: string;
  description: string;
  hosts: { id: string; name: string }[];
  featuredExpert: string;
  meetingUrl: string;
  /** `yyyy-MM-dd`, from a native date input. */
  firstDate: string;
  /** `HH:mm`, from a native time input. */
  firstTime: string;
  timeZone: string;
  every: RepeatEvery;
  weekday: Weekday;
  nth: Nth;
  /** The raw RFC 5545 rule when `every` is `custom`. */
  customRule: string;
  durationMinutes: string;
  reminderOffsets: number[];
  slots: string;
  /** Optional last day, `yyyy-MM-dd`. */
  until: string;
}

export const WEEKDAYS: { id: Weekday; label: string }[] = [
  { id: 'MO', label: 'Monday' },
  { id: 'TU', label: 'Tuesday' },
  { id: 'WE', label: 'Wednesday' },
  { id: 'TH', label: 'Thursday' },
  { id: 'FR', label: 'Friday' },
  { id: 'SA', label: 'Saturday' },
  { id: 'SU', label: 'Sunday' },
];

const BY_UTC_DAY: Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The repeat rule the fields describe. */
export function ruleOf(fields: Pick<RitualFormFields, 'every' | 'weekday' | 'nth' | 'customRule'>): string {
  if (fields.every === 'custom') return fields.customRule;
  return ruleFromChoice(choiceOf(fields));
}

function choiceOf(fields: Pick<RitualFormFields, 'every' | 'weekday' | 'nth'>): RepeatChoice {
  if (fields.every === 'week' || fields.every === 'twoWeeks') return { every: fields.every, weekday: fields.weekday };
  return { every: fields.every as 'month' | 'quarter', weekday: fields.weekday, nth: fields.nth };
}

/** The repeat fields for a rule: a simple choice when it is one, else the raw rule. */
export function repeatFieldsOf(
  rule: string,
  current: Pick<RitualFormFields, 'weekday' | 'nth'>,
): Pick<RitualFormFields, 'every' | 'weekday' | 'nth' | 'customRule'> {
  const choice = choiceFromRule(rule);
  if (!choice) return { every: 'custom', weekday: current.weekday, nth: current.nth, customRule: rule };
  return { every: choice.every, weekday: choice.weekday, nth: 'nth' in choice ? choice.nth : current.nth, customRule: rule };
}

/** The weekday of a `yyyy-MM-dd` day, and which of its kind in the month it is (5th counts as last). */
export function weekdayOf(day: string): { weekday: Weekday; nth: Nth } | undefined {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!y || !m || !d || Number.isNaN(date.getTime())) return undefined;
  const nth = Math.ceil(d / 7);
  return { weekday: BY_UTC_DAY[date.getUTCDay()]!, nth: nth >= 5 ? -1 : (nth as Nth) };
}

/** What picking a kind fills in: its rule, length, reminders and (show & tell) slots. */
export function kindDefaults(kind: RitualKindId, current: RitualFormFields): Partial<RitualFormFields> {
  const k = ritualKind(kind);
  return {
    kind,
    ...repeatFieldsOf(k.defaultRule, current),
    durationMinutes: String(k.defaultDurationMinutes),
    reminderOffsets: [...k.defaultReminderOffsets],
    slots: kind === 'showAndTell' ? current.slots || String(RITUAL_LIMITS.slotsDefault) : current.slots,
  };
}

/**
 * The first day a new ritual of these fields would meet, starting tomorrow: a date that
 * fits the rule, so the preview opens on it. Tomorrow when the rule cannot say.
 */
export function suggestedFirstDate(fields: RitualFormFields, now: Date): string {
  const tomorrow = wallClock(new Date(now.getTime() + 24 * 3600 * 1000), fields.timeZone).date;
  try {
    const schedule = { firstStart: `${tomorrow}T${fields.firstTime}`, timeZone: fields.timeZone, durationMinutes: 0, rule: ruleOf(fields) };
    const first = nextOccurrences(schedule, [], now, 1)[0];
    return first ? wallClock(first.startsAt, fields.timeZone).date : tomorrow;
  } catch {
    return tomorrow;
  }
}

/** A new ritual's fields: the kind's defaults, me as host, the viewer's zone. */
export function newRitualFields(kind: RitualKindId, me: { id: string; name: string }, timeZone: string, now: Date): RitualFormFields {
  const base: RitualFormFields = {
    kind,
    title: '',
    description: '',
    hosts: [me],
    featuredExpert: '',
    meetingUrl: '',
    firstDate: '',
    firstTime: '17:00',
    timeZone,
    every: 'week',
    weekday: 'TU',
    nth: 1,
    customRule: '',
    durationMinutes: '',
    reminderOffsets: [],
    slots: '',
    until: '',
  };
  const filled = { ...base, ...kindDefaults(kind, base) };
  return { ...filled, firstDate: suggestedFirstDate(filled, now) };
}

/** An existing ritual's fields, for editing. */
export function ritualFields(ritual: RitualView): RitualFormFields {
  const [firstDate = '', firstTime = ''] = ritual.schedule.firstStart.split('T');
  const fallback = weekdayOf(firstDate) ?? { weekday: 'MO' as Weekday, nth: 1 as Nth };
  return {
    kind: ritual.kind,
    title: ritual.title,
    description: ritual.description,
    hosts: ritual.hosts,
    featuredExpert: ritual.featuredExpert ?? '',
    meetingUrl: ritual.meetingUrl ?? '',
    firstDate,
    firstTime,
    timeZone: ritual.schedule.timeZone,
    ...repeatFieldsOf(ritual.schedule.rule, fallback),
    durationMinutes: String(ritual.schedule.durationMinutes),
    reminderOffsets: ritual.reminderOffsets,
    slots: ritual.slots !== undefined ? String(ritual.slots) : String(RITUAL_LIMITS.slotsDefault),
    until: ritual.schedule.until ?? '',
  };
}
