import { createFormatters } from './formatters';

describe('createFormatters', () => {
  it('formats dates and numbers in the locale', () => {
    const de = createFormatters('de-DE');
    expect(de.number(1234.5)).toBe('1.234,5');
    expect(de.date('2026-03-05T10:00:00Z')).toBe('05.03.2026');
    const us = createFormatters('en-US');
    expect(us.date('2026-03-05T10:00:00Z')).toBe('Mar 5, 2026');
  });

  it('says how long ago, falling back to the date after a year', () => {
    const f = createFormatters('en-US');
    const now = new Date('2026-03-15T12:00:00Z');
    expect(f.relative('2026-03-12T12:00:00Z', now)).toBe('3 days ago');
    expect(f.relative('2026-03-14T12:00:00Z', now)).toBe('yesterday');
    expect(f.relative('2024-01-01T00:00:00Z', now)).toBe('Jan 1, 2024');
  });

  it('shows times in the given time zone, the browser’s when it is unknown', () => {
    const tokyo = createFormatters('en-GB', 'Asia/Tokyo');
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(tokyo.dateTime('2026-03-05T20:00:00Z')).toBe('6 Mar 2026, 05:00');
    const unknown = createFormatters('en-GB', 'Mars/Olympus');
    expect(unknown.timeZone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('survives a malformed locale and a malformed date', () => {
    const f = createFormatters('not a locale!');
    expect(f.locale).toBe('en-US');
    expect(f.date('yesterday-ish')).toBe('');
  });
});
