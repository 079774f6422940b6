/**
 * The kinds of ritual a community keeps, and the limits of a ritual's fields. Kept
 * free of Node imports: the tab bundles this module for its forms.
 */

/** What a ritual collects from members before it happens. */
export type RitualCollects = 'questions' | 'problems' | 'signups' | 'nothing';

/** One kind of ritual, with the defaults a new ritual of that kind starts from. */
export interface RitualKind {
  id: 'ama' | 'huddle' | 'showAndTell' | 'winOfTheWeek' | 'custom';
  label: string;
  /** One line shown beside the kind in the form. */
  hint: string;
  /** RFC 5545 rule a new ritual of this kind starts with. */
  defaultRule: string;
  defaultDurationMinutes: number;
  /** Minutes before each occurrence that a reminder is posted. */
  defaultReminderOffsets: number[];
  collects: RitualCollects;
  /** Whether a follow-up after each occurrence invites people to save what came out of it. */
  followUp: boolean;
}

/** Every ritual kind, in the order the form offers them. */
export const RITUAL_KINDS: readonly RitualKind[] = [
  {
    id: 'ama',
    label: 'Ask Me Anything',
    hint: 'Monthly, with a featured expert; members send and upvote questions beforehand.',
    defaultRule: 'FREQ=MONTHLY;BYDAY=2TU',
    defaultDurationMinutes: 60,
    defaultReminderOffsets: [1440, 60],
    collects: 'questions',
    followUp: true,
  },
  {
    id: 'huddle',
    label: 'Problem-solving huddle',
    hint: 'Every two weeks; members bring problems for the agenda.',
    defaultRule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
    defaultDurationMinutes: 45,
    defaultReminderOffsets: [1440, 60],
    collects: 'problems',
    followUp: true,
  },
  {
    id: 'showAndTell',
    label: 'Knowledge show & tell',
    hint: 'Quarterly; members sign up to present.',
    defaultRule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH',
    defaultDurationMinutes: 60,
    defaultReminderOffsets: [1440, 60],
    collects: 'signups',
    followUp: true,
  },
  {
    id: 'winOfTheWeek',
    label: 'Win of the Week',
    hint: 'A weekly thread where members share a win; no meeting.',
    defaultRule: 'FREQ=WEEKLY;BYDAY=MO',
    defaultDurationMinutes: 0,
    defaultReminderOffsets: [],
    collects: 'nothing',
    followUp: false,
  },
  {
    id: 'custom',
    label: 'Custom',
    hint: 'Any other rhythm the community keeps.',
    defaultRule: 'FREQ=WEEKLY;BYDAY=TH',
    defaultDurationMinutes: 30,
    defaultReminderOffsets: [1440, 60],
    collects: 'nothing',
    followUp: false,
  },
];

/** A ritual kind's id. */
export type RitualKindId = RitualKind['id'];

/** The ids, for schemas. */
export const RITUAL_KIND_IDS = RITUAL_KINDS.map((k) => k.id) as [RitualKindId, ...RitualKindId[]];

/** The kind with this id. */
export function ritualKind(id: RitualKindId): RitualKind {
  return RITUAL_KINDS.find((k) => k.id === id) ?? RITUAL_KINDS[RITUAL_KINDS.length - 1];
}

/** Limits of a ritual's fields, shared by the form and the service. */
export const RITUAL_LIMITS = {
  titleMaxLength: 120,
  descriptionMaxLength: 2000,
  hostsMax: 5,
  meetingUrlMaxLength: 2000,
  ruleMaxLength: 300,
  durationMinutesMax: 8 * 60,
  reminderOffsetsMax: 3,
  /** Five minutes to a week before. */
  reminderOffsetMinMinutes: 5,
  reminderOffsetMaxMinutes: 7 * 24 * 60,
  slotsMax: 20,
  slotsDefault: 3,
  /** The first occurrence must fall within this many days. */
  firstOccurrenceMaxDaysAhead: 366,
  /** A moved occurrence may land at most this many days from where it was. */
  moveMaxDays: 60,
  reasonMaxLength: 200,
  itemMaxLength: 500,
  itemsPerOccurrenceMax: 200,
  /** Most questions (or problems) posted before a session. */
  topItemsPosted: 5,
  ritualsPerCommunityMax: 50,
  /** Changes (skips and moves) kept per ritual; past ones are dropped first. */
  changesMax: 50,
  upcomingShown: 20,
} as const;
