import { ritualInputSchema, ritualScheduleSchema, type RitualInput } from '../../../api/contract';
import { describeRule, nextOccurrences, validateSchedule, type Occurrence } from '../../../api/rituals';
import { ruleOf, type RitualFormFields } from './ritualFormFields';

/**
 * Where a message shows: the contract's field names (`schedule.rule`, as the service's
 * 400 names them too), plus `firstTime` for the start time's own input.
 */
export type FieldKey =
  | 'title'
  | 'kind'
  | 'description'
  | 'hosts'
  | 'featuredExpert'
  | 'meetingUrl'
  | 'schedule.firstStart'
  | 'firstTime'
  | 'schedule.timeZone'
  | 'schedule.rule'
  | 'schedule.durationMinutes'
  | 'reminderOffsets'
  | 'slots'
  | 'schedule.until';

/** The fields in the order the form shows them: the first with a message takes focus. */
export const FIELD_ORDER: readonly FieldKey[] = [
  'title',
  'kind',
  'description',
  'hosts',
  'featuredExpert',
  'meetingUrl',
  'schedule.firstStart',
  'firstTime',
  'schedule.timeZone',
  'schedule.rule',
  'schedule.durationMinutes',
  'reminderOffsets',
  'slots',
  'schedule.until',
];

/** The form field a path names: `schedule.rule` stays, `hosts.0.id` is `hosts`. Undefined for others. */
export function fieldKeyOf(path: string): FieldKey | undefined {
  const parts = path.split(/[.[\]]/).filter(Boolean);
  const key = parts[0] === 'schedule' && parts[1] ? `schedule.${parts[1]}` : parts[0];
  return FIELD_ORDER.includes(key as FieldKey) ? (key as FieldKey) : undefined;
}

/** Whether a field shows for the fields' kind and repeat choice. */
export function isShown(key: FieldKey, fields: RitualFormFields): boolean {
  if (key === 'featuredExpert') return fields.kind === 'ama';
  if (key === 'slots') return fields.kind === 'showAndTell';
  return true;
}

/** Messages per field, what would be sent when there are none, and the schedule in words. */
export interface RitualFormCheck {
  errors: Partial<Record<FieldKey, string>>;
  input?: RitualInput;
  /** "Every 2nd Tuesday of the month", while the rule reads. */
  repeats?: string;
  /** The next three occurrences, while the schedule is valid. */
  preview: Occurrence[];
  /** Chosen reminders (minutes before) whose moment is already past for the first date. */
  passedReminders: number[];
}

function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/**
 * Checks the form with the contract's schema and the domain's schedule rules, the very
 * checks the service runs, so people see the service's messages as they type.
 */
export function checkRitualForm(fields: RitualFormFields, now: Date): RitualFormCheck {
  const errors: RitualFormCheck['errors'] = {};
  const put = (key: FieldKey | undefined, message: string) => {
    if (key && !errors[key]) errors[key] = message;
  };

  const duration = wholeNumber(fields.durationMinutes);
  if (Number.isNaN(duration)) put('schedule.durationMinutes', 'Give the length in minutes (0 for a thread without a meeting).');
  const slots = wholeNumber(fields.slots);
  if (fields.kind === 'showAndTell' && Number.isNaN(slots)) put('slots', 'Give how many people can present.');
  if (!fields.firstDate) put('schedule.firstStart', 'Choose the first date.');
  if (!fields.firstTime) put('firstTime', 'Choose the start time.');

  const rule = ruleOf(fields);
  const candidate: RitualInput = {
    kind: fields.kind,
    title: fields.title,
    description: fields.description,
    hosts: fields.hosts,
    ...(fields.kind === 'ama' && fields.featuredExpert.trim() ? { featuredExpert: fields.featuredExpert } : {}),
    meetingUrl: fields.meetingUrl,
    schedule: {
      firstStart: `${fields.firstDate}T${fields.firstTime}`,
      timeZone: fields.timeZone,
      durationMinutes: Number.isNaN(duration) ? 0 : duration,
      rule,
      ...(fields.until ? { until: fields.until } : {}),
    },
    reminderOffsets: fields.reminderOffsets,
    ...(fields.kind === 'showAndTell' ? { slots: Number.isNaN(slots) ? 1 : slots } : {}),
  };

  const parsed = ritualInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) put(fieldKeyOf(issue.path.join('.')), issue.message);
  }

  // The schedule rules run even while the date is missing (with a stand-in date), so a
  // wrong rule or zone shows at once; what depends on the real date waits for it.
  const dateMissing = !!errors['schedule.firstStart'] || !!errors.firstTime;
  const standIn = new Date(now.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 16);
  const schedule = ritualScheduleSchema.safeParse(dateMissing ? { ...candidate.schedule, firstStart: standIn } : candidate.schedule);
  let preview: Occurrence[] = [];
  if (schedule.success) {
    try {
      for (const issue of validateSchedule(schedule.data, now)) {
        const key = fieldKeyOf(issue.field) ?? 'schedule.rule';
        if (!dateMissing || key === 'schedule.rule' || key === 'schedule.timeZone') put(key, issue.message);
      }
      const scheduleOk = !Object.keys(errors).some((k) => k.startsWith('schedule.') || k === 'firstTime');
      if (scheduleOk) preview = nextOccurrences(schedule.data, [], now, 3);
    } catch {
      put('schedule.rule', 'This repeat rule could not be read. Check it, or choose one of the simple repeats.');
    }
  }
  let repeats: string | undefined;
  if (!errors['schedule.rule'] && rule.trim()) {
    try {
      repeats = describeRule(rule.trim());
    } catch {
      // No sentence then; the rule's own message says what is wrong.
    }
  }

  const first = dateMissing ? undefined : preview[0];
  const passedReminders = first
    ? fields.reminderOffsets.filter((m) => Date.parse(first.startsAt) - m * 60_000 <= now.getTime()).sort((a, b) => b - a)
    : [];

  const ok = parsed.success && Object.keys(errors).length === 0;
  return { errors, ...(ok ? { input: parsed.data as RitualInput } : {}), ...(repeats ? { repeats } : {}), preview, passedReminders };
}
