import type { CommunityRole } from '../communities/communityProfile';
import { ForbiddenError, ValidationError, type FieldIssue } from '../shared/errors';
import type { Person } from '../shared/person';
import { validateOccurrenceChange, validateSchedule } from './recurrence';
import type { OccurrenceChange, Ritual } from './ritual';
import { RITUAL_LIMITS } from './ritualKinds';

/** A ritual's fields as a manager sets them; the API has already checked their shapes. */
export type RitualFields = Pick<
  Ritual,
  'kind' | 'title' | 'description' | 'hosts' | 'featuredExpert' | 'meetingUrl' | 'schedule' | 'reminderOffsets' | 'slots'
>;

/** Someone acting on a community's rituals, with their role there. */
export interface RitualActor {
  person: Person;
  role: CommunityRole;
}

/** Creating, editing, pausing, deleting and rescheduling rituals is for community managers. */
export function assertMayManage(actor: RitualActor, action: string): void {
  if (actor.role !== 'manager') throw new ForbiddenError('ritual', action);
}

/**
 * Checks the rules that span fields or need the recurrence library, and normalizes
 * what the kind does not use (a huddle has no featured expert, only a show & tell has slots).
 * @throws ValidationError listing every problem at once.
 */
export function checkedFields(fields: RitualFields, now: Date): RitualFields {
  const issues: FieldIssue[] = [...validateSchedule(fields.schedule, now)];
  const hostIds = new Set(fields.hosts.map((h) => h.id));
  if (hostIds.size !== fields.hosts.length) issues.push({ field: 'hosts', message: 'Each host is listed once.' });
  if (new Set(fields.reminderOffsets).size !== fields.reminderOffsets.length) {
    issues.push({ field: 'reminderOffsets', message: 'Each reminder time is chosen once.' });
  }
  if (issues.length) throw new ValidationError(issues);
  return {
    ...fields,
    reminderOffsets: [...fields.reminderOffsets].sort((a, b) => b - a),
    ...(fields.kind === 'ama' ? {} : { featuredExpert: undefined }),
    slots: fields.kind === 'showAndTell' ? (fields.slots ?? RITUAL_LIMITS.slotsDefault) : undefined,
  };
}

/**
 * The ritual with one occurrence skipped or moved; a later change to the same occurrence
 * replaces the earlier one, and the oldest changes go first past the limit.
 * @throws ValidationError
 */
export function withOccurrenceChange(ritual: Ritual, change: OccurrenceChange): Ritual {
  const issues = validateOccurrenceChange(ritual.schedule, change);
  if (issues.length) throw new ValidationError(issues);
  const others = ritual.changes.filter((c) => c.occurrenceId !== change.occurrenceId);
  const changes = [...others, change].sort((a, b) => a.occurrenceId.localeCompare(b.occurrenceId)).slice(-RITUAL_LIMITS.changesMax);
  return { ...ritual, changes };
}

/** The ritual with an occurrence back as the rule has it. */
export function withoutOccurrenceChange(ritual: Ritual, occurrenceId: string): Ritual {
  return { ...ritual, changes: ritual.changes.filter((c) => c.occurrenceId !== occurrenceId) };
}
