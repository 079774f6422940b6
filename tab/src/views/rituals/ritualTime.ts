/*
 * Ritual dates in words, with Intl only (no date library, so the view stays light):
 * every time in the viewer's own zone, plus the ritual's local time when its zone differs,
 * and occurrences grouped by the viewer's calendar week.
 */

/** What these helpers need from the tab's formatters. */
export interface TimeFormat {
  locale: string;
  /** The viewer's IANA zone. */
  timeZone: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const DAY_MS = 24 * 3600 * 1000;

/** A wall-clock reading of an instant in a zone: `yyyy-MM-dd`, `HH:mm`. */
export interface WallClock {
  date: string;
  time: string;
}

/** The date and time an instant shows on a clock in `zone`. */
export function wallClock(instant: string | Date, zone: string): WallClock {
  const parts = formatter('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The place a zone is named after, for people: `America/New_York` → "New York". */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** Whether a ritual's zone is not the viewer's, so its own local time is worth showing. */
export function isOtherZone(zone: string, format: TimeFormat): boolean {
  return zone !== format.timeZone;
}

/** "Tue 8 Dec, 18:00" in the viewer's zone. */
export function viewerDateTime(instant: string, format: TimeFormat): string {
  return formatter(format.locale, {
    timeZone: format.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** Whether an occurrence id (its original start) reads as an instant. */
export function isInstant(text: string): boolean {
  return !Number.isNaN(Date.parse(text));
}

/** "Tue 8 Dec" in the viewer's zone. */
export function viewerDate(instant: string, format: TimeFormat): string {
  return formatter(format.locale, { timeZone: format.timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(instant),
  );
}

/**
 * The ritual's own local time when its zone differs from the viewer's: "17:00 in London",
 * with the weekday when the day differs too ("Wed 01:00 in Tokyo"). Undefined for the
 * viewer's own zone, and for a zone whose clocks read the same then (Paris and Berlin).
 */
export function ownLocalTime(instant: string, zone: string, format: TimeFormat): string | undefined {
  if (!isOtherZone(zone, format)) return undefined;
  const date = new Date(instant);
  const own = wallClock(date, zone);
  const viewer = wallClock(date, format.timeZone);
  if (own.date === viewer.date && own.time === viewer.time) return undefined;
  const sameDay = own.date === viewer.date;
  const time = formatter(format.locale, {
    timeZone: zone,
    ...(sameDay ? {} : { weekday: 'short' as const }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
  return `${time} in ${zoneCity(zone)}`;
}

/** "Tue 8 Dec, 18:00 (17:00 in London)": the viewer's time, then the ritual's when it differs. */
export function occurrenceLabel(instant: string, zone: string, format: TimeFormat): string {
  const own = ownLocalTime(instant, zone, format);
  const viewer = viewerDateTime(instant, format);
  return own ? `${viewer} (${own})` : viewer;
}

/** First day of the week in the locale: 1 = Monday … 7 = Sunday (Monday when the browser cannot say). */
export function firstDayOfWeek(locale: string): number {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    return l.getWeekInfo?.().firstDay ?? l.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

/** The first day of the week holding `instant`, in the viewer's zone, as a UTC midnight. */
function weekStart(instant: string | Date, format: TimeFormat, firstDay: number): number {
  const [y, m, d] = wallClock(instant, format.timeZone).date.split('-').map(Number) as [number, number, number];
  const day = Date.UTC(y, m - 1, d);
  const weekday = new Date(day).getUTCDay() || 7; // 1 = Monday … 7 = Sunday
  return day - ((weekday - firstDay + 7) % 7) * DAY_MS;
}

/** Occurrences of one calendar week. */
export interface WeekGroup<T> {
  /** The week's first day, `yyyy-MM-dd`. */
  key: string;
  /** "This week", "Next week" or "Week of 23 Mar". */
  label: string;
  items: T[];
}

/** Occurrences (soonest first) grouped by the viewer's calendar week. */
export function groupByWeek<T extends { startsAt: string }>(occurrences: T[], now: Date, format: TimeFormat): WeekGroup<T>[] {
  const firstDay = firstDayOfWeek(format.locale);
  const thisWeek = weekStart(now, format, firstDay);
  const groups: WeekGroup<T>[] = [];
  for (const occurrence of occurrences) {
    const start = weekStart(occurrence.startsAt, format, firstDay);
    const key = new Date(start).toISOString().slice(0, 10);
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, label: weekLabel(start, thisWeek, format.locale), items: [] };
      groups.push(group);
    }
    group.items.push(occurrence);
  }
  return groups;
}

function weekLabel(start: number, thisWeek: number, locale: string): string {
  const weeks = Math.round((start - thisWeek) / (7 * DAY_MS));
  if (weeks === 0) return 'This week';
  if (weeks === 1) return 'Next week';
  const sameYear = new Date(start).getUTCFullYear() === new Date(thisWeek).getUTCFullYear();
  const date = formatter(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' as const }) });
  return `Week of ${date.format(new Date(start))}`;
}

/** "1 day and 1 hour before", for reminder offsets in minutes. */
export function remindersText(offsets: number[]): string {
  if (offsets.length === 0) return 'No reminders';
  const words = [...offsets].sort((a, b) => b - a).map(offsetText);
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${list} before`;
}

/** "1 week", "2 days", "1 hour", "15 minutes". */
export function offsetText(minutes: number): string {
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (minutes % (7 * 1440) === 0) return unit(minutes / (7 * 1440), 'week');
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}

/** "45 minutes", "1 hour", "1 hour 30 minutes". */
export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest || !hours) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** The ritual's start time on its own clock: "17:00 London time" (from `yyyy-MM-ddTHH:mm`). */
export function ownStartTime(firstStart: string, zone: string, locale: string): string {
  const [h, m] = (firstStart.split('T')[1] ?? '00:00').split(':').map(Number) as [number, number];
  const time = formatter(locale, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(new Date(Date.UTC(2000, 0, 1, h, m)));
  return `${time} ${zoneCity(zone)} time`;
}

/** A `yyyy-MM-dd` day for people: "Tue 8 Dec 2026". */
export function plainDate(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return formatter(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
