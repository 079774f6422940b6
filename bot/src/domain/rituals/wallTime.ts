/**
 * Wall times and instants. A wall time is a local clock reading encoded as if it were UTC
 * (rrule's "floating" time); an instant is a real moment. Turning one into the other in a
 * zone is where daylight-saving gaps and repeats are settled (RFC 5545 §3.3.5).
 *
 * Pure domain code: the tab bundles it, so no Node imports.
 */
import { DateTime, IANAZone } from 'luxon';

/** A wall-clock reading to the minute. */
export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** A form's date and time, read, or why it could not be. */
export type WallReading = { ok: true; fields: WallFields } | { ok: false; message: string };

/** Reads `yyyy-MM-ddTHH:mm`, naming in `what` the field for the messages. */
export function readWall(text: string | undefined, what: string): WallReading {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text ?? '');
  if (!m) return { ok: false, message: `Give ${what} as a date and time.` };
  const fields = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] };
  const dt = DateTime.fromObject(fields, { zone: 'utc' });
  // luxon takes 24:00 as the next midnight; a form value should say what it means.
  if (!dt.isValid || dt.day !== fields.day || dt.hour !== fields.hour)
    return { ok: false, message: `“${text}” is not a real date and time.` };
  return { ok: true, fields };
}

/** A wall time as rrule's floating time: the clock reading encoded as if it were UTC. */
export function floating(fields: WallFields): number {
  return DateTime.fromObject(fields, { zone: 'utc' }).toMillis();
}

/** The wall time an instant shows in the zone, as a floating time. */
export function wallOf(instant: number, zone: string): number {
  return DateTime.fromMillis(instant, { zone }).setZone('utc', { keepLocalTime: true }).toMillis();
}

/**
 * The instant a floating wall time names in the zone. luxon moves a time inside a
 * spring-forward gap forward by the gap; of the two readings of a fall-back time we take
 * the earlier, as RFC 5545 says.
 */
export function instantOf(wall: number, zone: string): number {
  const w = new Date(wall);
  const dt = DateTime.fromObject(
    { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes() },
    { zone },
  );
  return Math.min(dt.toMillis(), ...dt.getPossibleOffsets().map((d) => d.toMillis()));
}

/** Whether the zone is an IANA time zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
}
