import type { CommunityRef } from '../communities/community';
import type { Person } from '../shared/person';
import type { RitualKindId } from './ritualKinds';

/**
 * When a ritual happens: an RFC 5545 rule read in the ritual's own time zone, so a
 * 17:00 huddle stays at 17:00 local time across daylight-saving changes.
 */
export interface RitualSchedule {
  /** Wall-clock start of the first occurrence in `timeZone`: `yyyy-MM-ddTHH:mm`. */
  firstStart: string;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timeZone: string;
  /** How long each occurrence lasts; 0 for an asynchronous ritual (Win of the Week). */
  durationMinutes: number;
  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=MONTHLY;BYDAY=2TU`. */
  rule: string;
  /** Optional last day (`yyyy-MM-dd`, in `timeZone`) on which an occurrence may start. */
  until?: string;
}

/** A change to one occurrence: skipped, or moved to another time; members see the reason. */
export interface OccurrenceChange {
  /** The occurrence's original start (UTC ISO instant), which is also its id. */
  occurrenceId: string;
  kind: 'skipped' | 'moved';
  /** For a moved occurrence: the new wall-clock start in the ritual's zone, `yyyy-MM-ddTHH:mm`. */
  movedTo?: string;
  reason: string;
  by: Person;
  at: string;
}

/** One occurrence of a ritual, in real time. */
export interface Occurrence {
  /** The original start as a UTC ISO instant; stable when the occurrence is moved. */
  id: string;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'moved' | 'skipped';
  /** Why it was skipped or moved. */
  reason?: string;
  /** Set on listings: it has started and not ended yet. */
  happeningNow?: boolean;
}

/** A community ritual. */
export interface Ritual {
  id: string;
  communityId: string;
  /** The channel whose community keeps this ritual, where its reminders are posted. */
  community: CommunityRef;
  kind: RitualKindId;
  title: string;
  description: string;
  hosts: Person[];
  /** AMA only: who takes the questions, when it is not the host. */
  featuredExpert?: string;
  /** An https link to the meeting. */
  meetingUrl?: string;
  schedule: RitualSchedule;
  /** Minutes before each occurrence that a reminder is posted, e.g. [1440, 60]. */
  reminderOffsets: number[];
  /** Show & tell: how many people can sign up to present. */
  slots?: number;
  paused: boolean;
  changes: OccurrenceChange[];
  createdBy: Person;
  createdAt: string;
  updatedBy: Person;
  updatedAt: string;
  /** Storage's version, for conditional writes. */
  version?: string;
}

/** Something a member brings to an occurrence: a question (AMA), a problem (huddle) or a sign-up (show & tell). */
export interface RitualItem {
  id: string;
  communityId: string;
  ritualId: string;
  occurrenceId: string;
  kind: 'question' | 'problem' | 'signup';
  text: string;
  author: Person;
  createdAt: string;
  /** Ids of the people who upvoted it; each person once. */
  voterIds: string[];
  version?: string;
}
