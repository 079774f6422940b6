/**
 * Reading a ritual's RFC 5545 repeat rule strictly, before rrule sees it (see
 * recurrence.ts for how the rule is then walked in the ritual's time zone).
 *
 * Pure domain code: the tab bundles it to check the form as people type, so no Node imports.
 */
import { DateTime } from 'luxon';
import { Frequency } from 'rrule';
import { RITUAL_LIMITS } from './ritualKinds';

/** A weekday as RFC 5545 spells it. */
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** The weekdays, Monday first, as rrule numbers them. */
export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The parts of a rule we accept, already range-checked. */
export interface ParsedRule {
  freq: Frequency.YEARLY | Frequency.MONTHLY | Frequency.WEEKLY | Frequency.DAILY;
  interval: number;
  count?: number;
  /** UNTIL as written: a wall time, or a UTC instant when it ended in Z. */
  until?: { at: number; utc: boolean; dateOnly: boolean };
  /** Weekday index (0 = Monday, as rrule counts) and optional position (2TU, -1FR). */
  byweekday?: { day: number; n?: number }[];
  bymonth?: number[];
  bymonthday?: number[];
  byyearday?: number[];
  byweekno?: number[];
  bysetpos?: number[];
  wkst?: number;
}

const FREQUENCIES = {
  YEARLY: Frequency.YEARLY,
  MONTHLY: Frequency.MONTHLY,
  WEEKLY: Frequency.WEEKLY,
  DAILY: Frequency.DAILY,
} as const;

/** A rule read strictly: the parsed rule and the parts it named, or why it was refused. */
export type RuleReading = { ok: true; rule: ParsedRule; parts: Set<string> } | { ok: false; message: string };

const invalid = (reason: string): RuleReading => ({ ok: false, message: `The repeat rule is not valid: ${reason}` });

/** Splits `n,n,n` into integers within ±[1, max]; undefined when any is off. */
function intList(value: string, max: number, allowNegative: boolean): number[] | undefined {
  const values = value.split(',').map((v) => (/^[+-]?\d{1,3}$/.test(v) ? Number(v) : NaN));
  const ok = values.every((n) => Number.isInteger(n) && n !== 0 && Math.abs(n) <= max && (allowNegative || n > 0));
  return ok ? values : undefined;
}

/** Wall time `yyyyMMdd[THHmmss[Z]]` from a rule's UNTIL. */
function readRuleUntil(value: string): ParsedRule['until'] {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) return undefined;
  const dateOnly = m[4] === undefined;
  const fields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: dateOnly ? 23 : Number(m[4]),
    minute: dateOnly ? 59 : Number(m[5]),
    second: dateOnly ? 59 : Number(m[6]),
    // A date-only UNTIL ends with its day, like the form's end date; rrule would stop at its midnight.
    millisecond: dateOnly ? 999 : 0,
  };
  const dt = DateTime.fromObject(fields, { zone: 'utc' });
  if (!dt.isValid) return undefined;
  return { at: dt.toMillis(), utc: m[7] === 'Z', dateOnly };
}

/** The parts that are lists of numbers: which rule field each sets, its range, and what to say when it is wrong. */
const NUMBER_LISTS = {
  BYMONTH: { field: 'bymonth', max: 12, negative: false, message: 'BYMONTH takes month numbers from 1 to 12.' },
  BYMONTHDAY: {
    field: 'bymonthday',
    max: 31,
    negative: true,
    message: 'BYMONTHDAY takes days from 1 to 31, or -1 to -31 counting from the end.',
  },
  BYYEARDAY: { field: 'byyearday', max: 366, negative: true, message: 'BYYEARDAY takes days from 1 to 366, or -1 to -366.' },
  BYWEEKNO: { field: 'byweekno', max: 53, negative: true, message: 'BYWEEKNO takes weeks from 1 to 53, or -1 to -53.' },
  BYSETPOS: { field: 'bysetpos', max: 366, negative: true, message: 'BYSETPOS takes positions from 1 to 366, or -1 to -366.' },
} as const satisfies Record<string, { field: keyof ParsedRule; max: number; negative: boolean; message: string }>;

/**
 * Reads a rule strictly. rrule's own parser accepts nonsense (BYMONTH=abc, unknown
 * weekdays) and lets INTERVAL=0 or sub-daily rules through, so we check every part here
 * and hand rrule only numbers.
 */
export function readRule(text: string): RuleReading {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: 'Choose how often it repeats.' };
  if (trimmed.length > RITUAL_LIMITS.ruleMaxLength) return { ok: false, message: 'This repeat rule is too long.' };
  if (/DTSTART|TZID/i.test(trimmed)) {
    return invalid('leave out DTSTART and TZID; the first date and the time zone above set them.');
  }
  if (/[\r\n]/.test(trimmed)) return invalid('write it on one line.');
  const body = trimmed.replace(/^RRULE:/i, '').toUpperCase();
  const rule: Partial<ParsedRule> = {};
  const parts = new Set<string>();
  for (const part of body.split(';')) {
    if (!part) continue; // tolerate a trailing or doubled ';'
    const m = /^([A-Z]+)=(.+)$/.exec(part);
    if (!m) return invalid(`“${part}” is not NAME=value.`);
    const [, key, value] = m;
    if (parts.has(key)) return invalid(`${key} appears more than once.`);
    parts.add(key);
    switch (key) {
      case 'FREQ':
        if (value === 'HOURLY' || value === 'MINUTELY' || value === 'SECONDLY') {
          return { ok: false, message: 'A ritual can repeat at most once a day.' };
        }
        if (value !== 'YEARLY' && value !== 'MONTHLY' && value !== 'WEEKLY' && value !== 'DAILY') {
          return invalid('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.');
        }
        rule.freq = FREQUENCIES[value];
        break;
      case 'INTERVAL':
        if (!/^\d{1,4}$/.test(value) || Number(value) < 1) return invalid('INTERVAL must be a whole number of at least 1.');
        rule.interval = Number(value);
        break;
      case 'COUNT':
        if (!/^\d{1,6}$/.test(value) || Number(value) < 1) return invalid('COUNT must be at least 1.');
        rule.count = Number(value);
        break;
      case 'UNTIL': {
        const until = readRuleUntil(value);
        if (!until) return invalid('UNTIL must be a date like 20261231 or 20261231T170000Z.');
        rule.until = until;
        break;
      }
      case 'BYDAY': {
        const days = value.split(',').map((d) => /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d));
        if (days.some((d) => !d || (d[1] !== undefined && (Number(d[1]) === 0 || Math.abs(Number(d[1])) > 53)))) {
          return invalid('BYDAY takes weekdays like MO, 2TU or -1FR.');
        }
        rule.byweekday = days.map((d) => ({
          day: WEEKDAYS.indexOf(d![2] as Weekday),
          ...(d![1] !== undefined ? { n: Number(d![1]) } : {}),
        }));
        break;
      }
      case 'WKST':
        if (!WEEKDAYS.includes(value as Weekday)) return invalid('WKST takes a weekday like MO.');
        rule.wkst = WEEKDAYS.indexOf(value as Weekday);
        break;
      case 'BYHOUR':
      case 'BYMINUTE':
      case 'BYSECOND':
        // The time of day is the first start's; more than one would mean several a day.
        return invalid('leave out BYHOUR, BYMINUTE and BYSECOND; a ritual starts at the time of its first start.');
      default: {
        const list = NUMBER_LISTS[key as keyof typeof NUMBER_LISTS];
        if (!list) return invalid(`${key} is not something a repeat rule can contain.`);
        const numbers = intList(value, list.max, list.negative);
        if (!numbers) return invalid(list.message);
        rule[list.field] = numbers;
      }
    }
  }
  const { freq } = rule;
  if (freq === undefined) return invalid('it needs FREQ, for example FREQ=WEEKLY.');
  if (rule.count !== undefined && rule.until !== undefined) return invalid('use COUNT or UNTIL, not both.');
  const numbered = rule.byweekday?.filter((d) => d.n !== undefined) ?? [];
  if (numbered.length && freq !== Frequency.MONTHLY && freq !== Frequency.YEARLY) {
    return invalid('numbered weekdays like 2TU need FREQ=MONTHLY or FREQ=YEARLY.');
  }
  if (freq === Frequency.MONTHLY && numbered.some((d) => Math.abs(d.n!) > 5)) {
    return invalid('a month has at most five of each weekday.');
  }
  if (rule.bymonthday && freq === Frequency.WEEKLY) return invalid('BYMONTHDAY cannot be used with FREQ=WEEKLY.');
  if (rule.byyearday && freq !== Frequency.YEARLY) return invalid('BYYEARDAY needs FREQ=YEARLY.');
  if (rule.byweekno && freq !== Frequency.YEARLY) return invalid('BYWEEKNO needs FREQ=YEARLY.');
  return { ok: true, rule: { ...rule, freq, interval: rule.interval ?? 1 }, parts };
}
