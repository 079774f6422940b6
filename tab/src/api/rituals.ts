/*
 * The one place the tab reaches into the service's recurrence rules (luxon + rrule).
 * Import this only from lazily loaded code (the ritual form): it must stay out of the
 * first page's download.
 */
export {
  choiceFromRule,
  describeRule,
  nextOccurrences,
  ruleFromChoice,
  validateSchedule,
  type RepeatChoice,
  type Weekday,
} from '../../../bot/src/domain/rituals/recurrence';
export type { Occurrence } from '../../../bot/src/domain/rituals/ritual';
