/** Dates and numbers in the person's Teams locale. */
export interface Formatters {
  readonly locale: string;
  /** The viewer's IANA time zone, in which every date and time is shown. */
  readonly timeZone: string;
  /** "12 Mar 2026" */
  date(iso: string): string;
  /** "12 Mar 2026, 14:05" */
  dateTime(iso: string): string;
  /** "1,234" */
  number(value: number): string;
  /** "3 days ago", "yesterday"; falls back to the date for anything older than a year. */
  relative(iso: string, now?: Date): string;
}

function supported(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en-US';
  } catch {
    // A malformed tag (Teams has sent "en-us-x" style values) throws rather than falling back.
    return 'en-US';
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** The browser's own time zone. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function supportedZone(zone: string | undefined): string {
  if (!zone) return systemTimeZone();
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return systemTimeZone();
  }
}

/**
 * Builds the formatters for a locale (unknown locales fall back to en-US) and a time zone
 * (the browser's when not given or unknown).
 */
export function createFormatters(requested: string, requestedZone?: string): Formatters {
  const locale = supported(requested);
  const timeZone = supportedZone(requestedZone);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const number = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const valid = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? undefined : d;
  };
  return {
    locale,
    timeZone,
    date: (iso) => {
      const d = valid(iso);
      return d ? date.format(d) : '';
    },
    dateTime: (iso) => {
      const d = valid(iso);
      return d ? dateTime.format(d) : '';
    },
    number: (value) => number.format(value),
    relative: (iso, now = new Date()) => {
      const d = valid(iso);
      if (!d) return '';
      const seconds = (d.getTime() - now.getTime()) / 1000;
      if (Math.abs(seconds) >= 365 * 24 * 3600) return date.format(d);
      for (const [unit, size] of UNITS) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(0, 'minute');
    },
  };
}
