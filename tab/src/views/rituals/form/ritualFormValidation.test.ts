import { BEN } from '../../../test/builders';
import { checkRitualForm, fieldKeyOf } from './ritualFormValidation';
import { newRitualFields, ruleOf, weekdayOf, type RitualFormFields } from './ritualFormFields';

const now = new Date('2026-03-10T09:00:00Z');
const fields = (overrides: Partial<RitualFormFields> = {}): RitualFormFields => ({
  ...newRitualFields('ama', BEN, 'Europe/Paris', now),
  title: 'Ask the platform team anything',
  ...overrides,
});

describe('checkRitualForm', () => {
  it('starts a new ritual from its kind: rule, length, reminders, a first date the rule produces', () => {
    const huddle = newRitualFields('huddle', BEN, 'Europe/Paris', now);
    expect(ruleOf(huddle)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE');
    expect(huddle).toMatchObject({ every: 'twoWeeks', weekday: 'WE', durationMinutes: '45', reminderOffsets: [1440, 60], hosts: [BEN] });
    expect(huddle.firstDate).toBe('2026-03-11');
    const ama = newRitualFields('ama', BEN, 'Europe/Paris', now);
    expect(ama).toMatchObject({ every: 'month', weekday: 'TU', nth: 2, firstDate: '2026-04-14' });
  });

  it('accepts a valid form, sending the contract’s input with the schedule in words and its next dates', () => {
    const check = checkRitualForm(fields(), now);
    expect(check.errors).toEqual({});
    expect(check.input).toMatchObject({
      kind: 'ama',
      title: 'Ask the platform team anything',
      hosts: [BEN],
      schedule: { firstStart: '2026-04-14T17:00', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=MONTHLY;BYDAY=2TU' },
      reminderOffsets: [1440, 60],
    });
    expect(check.repeats).toBe('Every 2nd Tuesday of the month');
    expect(check.preview.map((o) => o.startsAt)).toEqual([
      '2026-04-14T15:00:00.000Z',
      '2026-05-12T15:00:00.000Z',
      '2026-06-09T15:00:00.000Z',
    ]);
  });

  it('puts each message on its field, the schedule’s included, and sends nothing', () => {
    const check = checkRitualForm(
      fields({
        title: ' ',
        hosts: [],
        every: 'custom',
        customRule: 'FREQ=SOMETIMES',
        timeZone: 'Mars/Olympus',
        meetingUrl: 'http://example.com',
      }),
      now,
    );
    expect(check.input).toBeUndefined();
    expect(check.errors).toMatchObject({
      title: 'Give the ritual a title.',
      hosts: 'Choose at least one host.',
      meetingUrl: 'The meeting link must start with https://.',
      'schedule.rule': expect.stringContaining('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'),
      'schedule.timeZone': expect.stringContaining('not a time zone we know'),
    });
    expect(check.preview).toEqual([]);
  });

  it('checks the rule even while the first date is missing', () => {
    const check = checkRitualForm(fields({ firstDate: '', every: 'custom', customRule: 'FREQ=HOURLY' }), now);
    expect(check.errors['schedule.firstStart']).toBe('Choose the first date.');
    expect(check.errors['schedule.rule']).toBe('A ritual can repeat at most once a day.');
  });

  it('asks for numbers where numbers go, and slots only for a show & tell', () => {
    expect(checkRitualForm(fields({ durationMinutes: 'an hour' }), now).errors['schedule.durationMinutes']).toMatch(/length in minutes/);
    const showAndTell = fields({ kind: 'showAndTell', slots: '' });
    expect(checkRitualForm(showAndTell, now).errors.slots).toBe('Give how many people can present.');
    expect(checkRitualForm({ ...showAndTell, slots: '4' }, now).input?.slots).toBe(4);
    expect(checkRitualForm(fields({ slots: '4' }), now).input?.slots).toBeUndefined();
  });

  it('maps the service’s field names onto the form', () => {
    expect(fieldKeyOf('schedule.rule')).toBe('schedule.rule');
    expect(fieldKeyOf('hosts.0.id')).toBe('hosts');
    expect(fieldKeyOf('reminderOffsets[1]')).toBe('reminderOffsets');
    expect(fieldKeyOf('somethingElse')).toBeUndefined();
  });

  it('reads a day’s weekday and its place in the month, the fifth counting as the last', () => {
    expect(weekdayOf('2026-03-10')).toEqual({ weekday: 'TU', nth: 2 });
    expect(weekdayOf('2026-03-31')).toEqual({ weekday: 'TU', nth: -1 });
    expect(weekdayOf('')).toBeUndefined();
  });

  it('names the chosen reminders already past for the first date', () => {
    // 10:04 in Paris is 09:04Z: four minutes away.
    const soon = fields({ firstDate: '2026-03-10', firstTime: '10:04', every: 'week', weekday: 'TU', reminderOffsets: [60, 15] });
    expect(checkRitualForm(soon, now).passedReminders).toEqual([60, 15]);
    expect(checkRitualForm({ ...soon, firstTime: '10:30' }, now).passedReminders).toEqual([60]);
    expect(checkRitualForm({ ...soon, firstTime: '11:30' }, now).passedReminders).toEqual([]);
  });
});
