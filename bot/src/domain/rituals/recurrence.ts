/**
 * When a ritual's occurrences happen. The rule is an RFC 5545 RRULE read in the ritual's
 * own time zone: rrule works on "floating" wall times (the local clock reading stored as
 * if it were UTC, with no tzid), and luxon turns each wall time into a real instant in the
 * zone. That keeps a 17:00 huddle at 17:00 local time on both sides of a daylight-saving
 * change, which rrule's own tzid support gets wrong in some runtimes.
 *
 * Wall times that the zone skips or repeats follow RFC 5545 §3.3.5:
 *  - a time inside a spring-forward gap (02:30 on the night Paris jumps from 02:00 to 03:00)
 *    is read with the offset before the gap, so it lands after the gap (03:30 local);
 *  - a time that happens twice at a fall-back change (01:30 in New York in November) means
 *    the first of the two (the daylight-time one).
 *
 * Pure domain code: the tab bundles it to check the form as people type, so no Node imports.
 */
import { DateTime } from 'luxon';
import { Frequency, RRule, Weekday as RRuleWeekday, type Options } from 'rrule';
import type { FieldIssue } from '../shared/errors';
import type { Occurrence, OccurrenceChange, RitualSchedule } from './ritual';
import { RITUAL_LIMITS } from './ritualKinds';
import { WEEKDAYS, readRule, type ParsedRule, type Weekday } from './recurrenceRule';
import { floating, instantOf, isKnownZone, readWall, wallOf } from './wallTime';

export type { Weekday } from './recurrenceRule';

/** The simple choices the ritual form offers instead of a raw rule. */
export type RepeatChoice =
  | { every: 'week'; weekday: Weekday }
  | { every: 'twoWeeks'; weekday: Weekday }
  | { every: 'month'; weekday: Weekday; nth: 1 | 2 | 3 | 4 | 5 | -1 } // -1 = last
  | { every: 'quarter'; weekday: Weekday; nth: 1 | 2 | 3 | 4 | 5 | -1 };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A moved occurrence can land up to moveMaxDays away; a day more covers DST and offsets. */
const MOVE_MARGIN_MS = (RITUAL_LIMITS.moveMaxDays + 1) * DAY_MS;
/**
 * How far ahead `nextOccurrences` and the "is it just far away?" check look. rrule only
 * notices the end of a window when the rule produces a date, so every query needs an end.
 */
const HORIZON_MS = 100 * 366 * DAY_MS;
/** rrule stops at year 9999; so do we. */
const LAST_WALL_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Occurrences a range query returns when the caller gives no limit, so a wide range cannot exhaust memory. */
const DEFAULT_LIMIT = 1000;
/** Earlier first starts make rrule walk centuries of dates for rules with COUNT. */
const FIRST_YEAR = 1900;

const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
/** Longest month lengths, February counted in a leap year. */
const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// ---------------------------------------------------------------------------
// Compiling a schedule and walking its occurrences
// ---------------------------------------------------------------------------

/** A schedule ready to query. */
interface Compiled {
  zone: string;
  /** Floating first start. */
  start: number;
  durationMs: number;
  rule: ParsedRule;
  /** rrule options without dtstart/until, with the defaults rrule would take from DTSTART written out. */
  options: Partial<Options>;
  /** Floating last moment an occurrence may start (the earlier of the rule's UNTIL and the end date). */
  until?: number;
  /** The rule asks for a day no month has (30 February); nothing to walk. */
  impossible: boolean;
}

interface Examined {
  issues: FieldIssue[];
  compiled?: Compiled;
}

/** Checks each field on its own and, when the recurrence fields all read, compiles them. */
function examine(schedule: RitualSchedule): Examined {
  const issues: FieldIssue[] = [];
  const max = RITUAL_LIMITS.durationMinutesMax;
  const duration = schedule.durationMinutes;
  if (!Number.isInteger(duration) || duration < 0 || duration > max) {
    issues.push({ field: 'schedule.durationMinutes', message: `Give the length in whole minutes, from 0 to ${max}.` });
  }

  const zone = schedule.timeZone;
  const zoneOk = isKnownZone(zone);
  if (!zoneOk) {
    const message = zone?.trim() ? `“${zone}” is not a time zone we know. Pick one from the list.` : 'Choose a time zone.';
    issues.push({ field: 'schedule.timeZone', message });
  }

  let first = readWall(schedule.firstStart, 'the first start');
  if (first.ok && first.fields.year < FIRST_YEAR) first = { ok: false, message: `Pick a first date in ${FIRST_YEAR} or later.` };
  if (!first.ok) issues.push({ field: 'schedule.firstStart', message: first.message });
  const start = first.ok ? floating(first.fields) : undefined;

  const reading = readRule(schedule.rule ?? '');
  if (!reading.ok) issues.push({ field: 'schedule.rule', message: reading.message });

  let endDay: number | undefined;
  let untilOk = true;
  if (schedule.until !== undefined && schedule.until !== '') {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(schedule.until) ? readWall(`${schedule.until}T23:59`, 'the end date') : undefined;
    if (!day?.ok) {
      untilOk = false;
      issues.push({ field: 'schedule.until', message: 'Give the end date as a real date.' });
    } else {
      endDay = floating(day.fields) + MINUTE_MS - 1; // inclusive: the whole last day
      if (start !== undefined && endDay < start)
        issues.push({ field: 'schedule.until', message: 'The end date is before the first occurrence.' });
    }
  }

  let ruleUntil: number | undefined;
  if (reading.ok && reading.rule.until) {
    const { at, utc } = reading.rule.until;
    ruleUntil = utc ? (zoneOk ? wallOf(at, zone) : undefined) : at;
    if (ruleUntil !== undefined && start !== undefined && ruleUntil < start) {
      issues.push({ field: 'schedule.rule', message: 'The end date in the repeat rule (UNTIL) is before the first occurrence.' });
    }
  }

  if (!zoneOk || start === undefined || !reading.ok || !untilOk) return { issues };
  const options = rruleOptions(reading.rule, start);
  const untils = [ruleUntil, endDay].filter((u): u is number => u !== undefined);
  return {
    issues,
    compiled: {
      zone,
      start,
      durationMs: Math.max(0, Number.isFinite(duration) ? duration : 0) * MINUTE_MS,
      rule: reading.rule,
      options,
      ...(untils.length ? { until: Math.min(...untils) } : {}),
      impossible: asksForMissingDay(options),
    },
  };
}

function compile(schedule: RitualSchedule): Compiled | undefined {
  return examine(schedule).compiled;
}

/**
 * rrule options for the rule. rrule fills a missing BYDAY/BYMONTHDAY from DTSTART; we move
 * DTSTART forward to skip ahead (see `anchorAtOrBefore`), so those defaults are pinned to
 * the real first start here.
 */
function rruleOptions(rule: ParsedRule, start: number): Partial<Options> {
  const options: Partial<Options> = { freq: rule.freq, interval: rule.interval, wkst: rule.wkst ?? 0, tzid: null };
  if (rule.byweekday) options.byweekday = rule.byweekday.map((d) => new RRuleWeekday(d.day, d.n));
  if (rule.bymonth) options.bymonth = rule.bymonth;
  if (rule.bymonthday) options.bymonthday = rule.bymonthday;
  if (rule.byyearday) options.byyearday = rule.byyearday;
  if (rule.byweekno) options.byweekno = rule.byweekno;
  if (rule.bysetpos) options.bysetpos = rule.bysetpos;
  if (!rule.byweekno && !rule.byyearday && !rule.bymonthday && !rule.byweekday) {
    const s = new Date(start);
    if (rule.freq === Frequency.YEARLY) {
      options.bymonth = rule.bymonth ?? [s.getUTCMonth() + 1];
      options.bymonthday = [s.getUTCDate()];
    } else if (rule.freq === Frequency.MONTHLY) {
      options.bymonthday = [s.getUTCDate()];
    } else if (rule.freq === Frequency.WEEKLY) {
      options.byweekday = [new RRuleWeekday((s.getUTCDay() + 6) % 7)];
    }
  }
  return options;
}

/**
 * Whether the rule only asks for days that no month it allows has (30 February, 31 April).
 * Caught here because rrule, finding nothing, would walk every period up to year 9999.
 */
function asksForMissingDay(options: Partial<Options>): boolean {
  const days = options.bymonthday as number[] | undefined;
  if (!days?.length) return false;
  const months = (options.bymonth as number[] | undefined) ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return !months.some((m) => days.some((d) => Math.abs(d) <= MAX_MONTH_DAYS[m - 1]));
}

/** The first day (floating midnight) of the week holding `dt`, weeks starting on `wkst` (0 = Monday). */
function weekStart(dt: DateTime, wkst: number): DateTime {
  return dt.startOf('day').minus({ days: (dt.weekday - 1 - wkst + 7) % 7 });
}

/**
 * A DTSTART later than the real one that yields the same occurrences from `target` on, so
 * rrule (which always walks from DTSTART) need not walk years of past occurrences. It is
 * the start of a period (day, week, month or year) a whole number of INTERVALs after the
 * first start's period, at the first start's time of day: every occurrence in that period
 * falls on or after it. Not possible with COUNT, which counts from the real first start.
 */
function anchorAtOrBefore(c: Compiled, target: number): number {
  if (c.rule.count !== undefined || target <= c.start) return c.start;
  const start = DateTime.fromMillis(c.start, { zone: 'utc' });
  const at = DateTime.fromMillis(target, { zone: 'utc' });
  let periodStart: DateTime;
  let periods: number;
  let unit: 'days' | 'weeks' | 'months' | 'years';
  switch (c.rule.freq) {
    case Frequency.DAILY:
      periodStart = start.startOf('day');
      periods = Math.floor(at.startOf('day').diff(periodStart, 'days').days);
      unit = 'days';
      break;
    case Frequency.WEEKLY: {
      const wkst = c.rule.wkst ?? 0;
      periodStart = weekStart(start, wkst);
      periods = Math.floor(Math.round(weekStart(at, wkst).diff(periodStart, 'days').days) / 7);
      unit = 'weeks';
      break;
    }
    case Frequency.MONTHLY:
      periodStart = start.startOf('month');
      periods = (at.year - start.year) * 12 + (at.month - start.month);
      unit = 'months';
      break;
    default:
      periodStart = start.startOf('year');
      periods = at.year - start.year;
      unit = 'years';
  }
  const skip = Math.floor(periods / c.rule.interval) * c.rule.interval;
  if (skip <= 0) return c.start;
  return periodStart
    .plus({ [unit]: skip })
    .set({ hour: start.hour, minute: start.minute })
    .toMillis();
}

function addYears(ms: number, years: number): number {
  if (!years) return ms;
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/**
 * Calls `visit` with each floating start the rule produces in [from, to] (floating), in
 * order, until it returns false.
 */
function eachOriginal(c: Compiled, from: number, to: number, visit: (wall: number) => boolean): void {
  if (c.impossible) return;
  const lo = Math.max(from, c.start);
  const hi = Math.min(to, c.until ?? Infinity, LAST_WALL_MS);
  if (hi < lo) return;
  const dtstart = anchorAtOrBefore(c, lo);
  // rrule notices the window's end only when the rule produces a date; a rule that
  // produces none walks on to year 9999. The Gregorian calendar repeats every 400 years
  // (146,097 days, a whole number of weeks), so moving the whole query by a multiple of
  // 400 years changes no date's weekday or month length; it only brings that year-9999
  // stop within 400 years of the window.
  const years = 400 * Math.floor((9999 - new Date(hi).getUTCFullYear()) / 400);
  const rrule = new RRule(
    {
      ...c.options,
      dtstart: new Date(addYears(dtstart, years)),
      until: c.until !== undefined ? new Date(addYears(c.until, years)) : null,
      count: c.rule.count ?? null,
    },
    true,
  );
  rrule.between(new Date(addYears(lo, years)), new Date(addYears(hi, years)), true, (d) => visit(addYears(d.getTime(), -years)));
}

/** The first instant the rule produces in [from, to], ignoring changes. */
function firstOriginal(c: Compiled, from: number, to: number): number | undefined {
  let found: number | undefined;
  eachOriginal(c, wallOf(from, c.zone) - DAY_MS, wallOf(to, c.zone) + DAY_MS, (wall) => {
    const at = instantOf(wall, c.zone);
    if (at > to) return false;
    if (at >= from) {
      found = at;
      return false;
    }
    return true;
  });
  return found;
}

/** Whether the rule produces exactly this instant. */
function producesInstant(c: Compiled, instant: number): boolean {
  let found = false;
  const wall = wallOf(instant, c.zone);
  eachOriginal(c, wall - DAY_MS, wall + DAY_MS, (w) => {
    found = instantOf(w, c.zone) === instant;
    return !found;
  });
  return found;
}

/** The last change recorded per occurrence id. */
function changesById(changes: readonly OccurrenceChange[]): Map<string, OccurrenceChange> {
  return new Map(changes.map((ch) => [ch.occurrenceId, ch]));
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The occurrence that starts at `original` per the rule, with its change applied. A move
 * whose movedTo cannot be read (bad stored data) is ignored rather than guessed at.
 */
function occurrenceAt(c: Compiled, original: number, change: OccurrenceChange | undefined): Occurrence {
  const id = iso(original);
  let startsAt = original;
  let status: Occurrence['status'] = 'scheduled';
  if (change?.kind === 'skipped') {
    status = 'skipped';
  } else if (change?.kind === 'moved') {
    const moved = readWall(change.movedTo, 'the new start');
    if (moved.ok) {
      startsAt = instantOf(floating(moved.fields), c.zone);
      status = 'moved';
    }
  }
  return {
    id,
    startsAt: iso(startsAt),
    endsAt: iso(startsAt + c.durationMs),
    status,
    ...(status !== 'scheduled' ? { reason: change!.reason } : {}),
  };
}

const byStart = (a: Occurrence, b: Occurrence) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id);

/**
 * Occurrences whose (changed) start is in [from, to), sorted, at most `limit`. Originals
 * are walked from moveMaxDays before `from`, since a move can bring one into the range,
 * and the walk stops once no later original could land before the last one kept.
 */
function collect(c: Compiled, changes: readonly OccurrenceChange[], from: number, to: number, limit: number): Occurrence[] {
  const kept: Occurrence[] = [];
  if (!(limit > 0) || !(to > from)) return kept;
  const changed = changesById(changes);
  const wallFrom = wallOf(from - MOVE_MARGIN_MS, c.zone);
  const wallTo = to === Infinity ? wallOf(from, c.zone) + HORIZON_MS : wallOf(Math.min(to, LAST_WALL_MS) + MOVE_MARGIN_MS, c.zone);
  eachOriginal(c, wallFrom, wallTo, (wall) => {
    const original = instantOf(wall, c.zone);
    if (kept.length >= limit && original - MOVE_MARGIN_MS > Date.parse(kept[limit - 1].startsAt)) return false;
    if (original - MOVE_MARGIN_MS >= to) return false;
    const occurrence = occurrenceAt(c, original, changed.get(iso(original)));
    const at = Date.parse(occurrence.startsAt);
    if (at >= from && at < to) {
      // Originals come in order; only a moved one can belong further back.
      let i = kept.length;
      while (i > 0 && byStart(kept[i - 1], occurrence) > 0) i--;
      kept.splice(i, 0, occurrence);
      if (kept.length > limit) kept.length = limit;
    }
    return true;
  });
  return kept;
}

// ---------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------

/**
 * Checks a schedule; [] when valid. Every problem is reported at once, worded for the
 * person filling in the form (the tab runs this as they type). Whether the rule occurs
 * soon enough is only checked once each field reads on its own, so one mistake does not
 * also show up as "never occurs".
 */
export function validateSchedule(schedule: RitualSchedule, now: Date): FieldIssue[] {
  const { issues, compiled } = examine(schedule);
  if (!compiled || issues.some((i) => i.field !== 'schedule.durationMinutes')) return issues;
  const never: FieldIssue = {
    field: 'schedule.rule',
    message: 'This rule never produces a date in the next year. Check the days and months it asks for, and its end.',
  };
  if (compiled.impossible) return [...issues, never];
  const from = now.getTime();
  const soon = from + RITUAL_LIMITS.firstOccurrenceMaxDaysAhead * DAY_MS;
  if (firstOriginal(compiled, from, soon) !== undefined) return issues;
  // Only for the wording: a rule that does occur, just later, needs a sooner first date.
  if (firstOriginal(compiled, soon, soon + HORIZON_MS) !== undefined) {
    return [
      ...issues,
      { field: 'schedule.firstStart', message: 'The next occurrence is more than a year away. Pick a first date within the next year.' },
    ];
  }
  return [...issues, never];
}

/**
 * Occurrences (changes applied) whose startsAt is in [from, to), sorted by startsAt, at
 * most `limit` (1000 when not given, so a careless range cannot exhaust memory). Skipped ones are included with status 'skipped' (so members see the
 * reason); moved ones appear at their new time with status 'moved'. A schedule that does
 * not read (bad stored data) has no occurrences rather than throwing, so one broken
 * ritual cannot break a list of them.
 */
export function occurrencesBetween(
  schedule: RitualSchedule,
  changes: OccurrenceChange[],
  from: Date,
  to: Date,
  limit: number = DEFAULT_LIMIT,
): Occurrence[] {
  const c = compile(schedule);
  return c ? collect(c, changes, from.getTime(), to.getTime(), limit) : [];
}

/**
 * The next `count` occurrences starting at or after `after` (skipped ones included and
 * counted), changes applied. Cheap for old rituals: rrule is started from a late DTSTART
 * with the same phase rather than walking from the first start (unless the rule has
 * COUNT). Looks at most a century ahead.
 */
export function nextOccurrences(schedule: RitualSchedule, changes: OccurrenceChange[], after: Date, count: number): Occurrence[] {
  const c = compile(schedule);
  return c ? collect(c, changes, after.getTime(), Infinity, count) : [];
}

/**
 * The occurrence with this id (its original start instant, UTC ISO as
 * `Date#toISOString` writes it), changes applied, or undefined when the rule does not
 * produce that instant. Ids are compared as strings elsewhere (changes, items), so other
 * spellings of the same instant are not accepted.
 */
export function occurrenceById(schedule: RitualSchedule, changes: OccurrenceChange[], occurrenceId: string): Occurrence | undefined {
  const instant = Date.parse(occurrenceId);
  if (Number.isNaN(instant) || iso(instant) !== occurrenceId) return undefined;
  const c = compile(schedule);
  if (!c || !producesInstant(c, instant)) return undefined;
  return occurrenceAt(c, instant, changesById(changes).get(occurrenceId));
}

/**
 * Validates a skip/move of one occurrence: the id must be a real occurrence; movedTo must
 * be a valid wall time in the ritual's zone (one the clocks do not skip) within
 * RITUAL_LIMITS.moveMaxDays calendar days of the original; reason 1..reasonMaxLength
 * chars after trim. A skip's movedTo is ignored. Returns FieldIssue[] with fields
 * 'occurrenceId', 'movedTo', 'reason'.
 */
export function validateOccurrenceChange(
  schedule: RitualSchedule,
  change: Pick<OccurrenceChange, 'occurrenceId' | 'kind' | 'movedTo' | 'reason'>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const c = compile(schedule);
  const instant = Date.parse(change.occurrenceId);
  const real = c !== undefined && !Number.isNaN(instant) && iso(instant) === change.occurrenceId && producesInstant(c, instant);
  if (!real) issues.push({ field: 'occurrenceId', message: 'This occurrence is not in the ritual’s schedule.' });

  if (change.kind === 'moved') {
    const moved = readWall(change.movedTo, 'the new date');
    if (!moved.ok) {
      issues.push({ field: 'movedTo', message: moved.message });
    } else if (c) {
      const dt = DateTime.fromObject(moved.fields, { zone: c.zone });
      const f = moved.fields;
      if (dt.year !== f.year || dt.month !== f.month || dt.day !== f.day || dt.hour !== f.hour || dt.minute !== f.minute) {
        issues.push({
          field: 'movedTo',
          message: `The clocks go forward then, so that time does not exist in ${c.zone}. Pick another time.`,
        });
      } else if (real) {
        const original = DateTime.fromMillis(instant, { zone: c.zone });
        // Calendar days in the zone, so a move across a DST change is not an hour off.
        if (Math.abs(dt.diff(original, 'days').days) > RITUAL_LIMITS.moveMaxDays) {
          issues.push({ field: 'movedTo', message: `Move it at most ${RITUAL_LIMITS.moveMaxDays} days from its original date.` });
        }
      }
    }
  }

  const reason = (change.reason ?? '').trim();
  if (!reason) issues.push({ field: 'reason', message: 'Tell members why.' });
  else if (reason.length > RITUAL_LIMITS.reasonMaxLength) {
    issues.push({ field: 'reason', message: `Keep the reason to ${RITUAL_LIMITS.reasonMaxLength} characters.` });
  }
  return issues;
}

/** Builds a rule from the form's simple choices. */
export function ruleFromChoice(choice: RepeatChoice): string {
  switch (choice.every) {
    case 'week':
      return `FREQ=WEEKLY;BYDAY=${choice.weekday}`;
    case 'twoWeeks':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${choice.weekday}`;
    case 'month':
      return `FREQ=MONTHLY;BYDAY=${choice.nth}${choice.weekday}`;
    case 'quarter':
      return `FREQ=MONTHLY;INTERVAL=3;BYDAY=${choice.nth}${choice.weekday}`;
  }
}

const NTHS: readonly number[] = [1, 2, 3, 4, 5, -1];

/**
 * The choice a rule corresponds to, or undefined for anything the simple form can't show
 * (then the form shows the raw rule). Any extra part (COUNT, UNTIL, WKST, BYMONTH…) means
 * the form could not round-trip it, so those rules stay raw.
 */
export function choiceFromRule(rule: string): RepeatChoice | undefined {
  const reading = readRule(rule);
  if (!reading.ok) return undefined;
  const { rule: r, parts } = reading;
  if ([...parts].some((p) => p !== 'FREQ' && p !== 'INTERVAL' && p !== 'BYDAY')) return undefined;
  if (r.byweekday?.length !== 1) return undefined;
  const { day, n } = r.byweekday[0];
  const weekday = WEEKDAYS[day];
  if (r.freq === Frequency.WEEKLY && n === undefined) {
    if (r.interval === 1) return { every: 'week', weekday };
    if (r.interval === 2) return { every: 'twoWeeks', weekday };
  }
  if (r.freq === Frequency.MONTHLY && n !== undefined && NTHS.includes(n)) {
    const nth = n as 1 | 2 | 3 | 4 | 5 | -1;
    if (r.interval === 1) return { every: 'month', weekday, nth };
    if (r.interval === 3) return { every: 'quarter', weekday, nth };
  }
  return undefined;
}

function ordinal(n: 1 | 2 | 3 | 4 | 5 | -1): string {
  return n === -1 ? 'last' : `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
}

/**
 * A sentence for people: "Every 2nd Tuesday of the month", "Every other Wednesday",
 * "Every week on Monday", "Every quarter on the 1st Thursday", "On the last Friday of
 * every month"; other rules get rrule's toText() (capitalized), and a rule that does not
 * read is shown as written.
 */
export function describeRule(rule: string): string {
  const choice = choiceFromRule(rule);
  if (choice) {
    const day = WEEKDAY_NAMES[choice.weekday];
    switch (choice.every) {
      case 'week':
        return `Every week on ${day}`;
      case 'twoWeeks':
        return `Every other ${day}`;
      case 'month':
        return choice.nth === -1 ? `On the last ${day} of every month` : `Every ${ordinal(choice.nth)} ${day} of the month`;
      case 'quarter':
        return `Every quarter on the ${ordinal(choice.nth)} ${day}`;
    }
  }
  const reading = readRule(rule);
  if (!reading.ok) return rule.trim();
  const r = reading.rule;
  try {
    const text = new RRule({
      freq: r.freq,
      interval: r.interval,
      count: r.count ?? null,
      until: r.until ? new Date(r.until.at) : null,
      byweekday: r.byweekday?.map((d) => new RRuleWeekday(d.day, d.n)) ?? null,
      bymonth: r.bymonth ?? null,
      bymonthday: r.bymonthday ?? null,
      byyearday: r.byyearday ?? null,
      byweekno: r.byweekno ?? null,
      bysetpos: r.bysetpos ?? null,
      wkst: r.wkst ?? null,
    }).toText();
    return text.charAt(0).toUpperCase() + text.slice(1);
  } catch {
    // toText does not cover every rule; the rule itself is still better than nothing.
    return rule.trim();
  }
}
