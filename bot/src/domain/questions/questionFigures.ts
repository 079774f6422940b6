import { isWaiting, type Question } from './question';

/**
 * Figures per community and per week, for the health view. A question counts in the
 * week it was asked (a cohort): asked, answered, answered within a day, how long it
 * waited for a first response and for its answer, whether it waits still, and how far
 * up the ladder it went. Durations are kept as counts in fixed buckets, so a week is one
 * row however many questions it had, and median and p90 are read from the buckets.
 */

/** Upper bounds, in minutes, of the duration buckets; a last bucket holds everything longer. */
export const DURATION_BUCKETS_MINUTES = [5, 15, 30, 60, 120, 240, 480, 1440, 2880, 4320, 10080, 20160, 43200] as const;

/** Steps of the escalation ladder a question can reach. */
export const LADDER_STEPS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one question adds to its week's figures. */
export interface QuestionContribution {
  communityId: string;
  week: string;
  messageId: string;
  /** False for what is not (or no longer) a tracked question: it adds nothing. */
  counted: boolean;
  answered: boolean;
  answeredWithinDay: boolean;
  waiting: boolean;
  withoutResponse: boolean;
  firstResponseMs?: number;
  answerMs?: number;
  escalatedSteps: number;
}

/** One community's figures for one week. */
export interface WeekFigures {
  communityId: string;
  /** The week's Monday, `YYYY-MM-DD` (UTC). */
  week: string;
  asked: number;
  answered: number;
  answeredWithinDay: number;
  /** Asked this week and not answered yet. */
  waiting: number;
  /** Asked this week and nobody has replied yet. */
  withoutResponse: number;
  /** Questions per duration bucket ({@link DURATION_BUCKETS_MINUTES}, then one for longer). */
  firstResponseBuckets: number[];
  answerBuckets: number[];
  /** How many of the week's questions reached each step of the ladder. */
  escalated: number[];
  /** Storage's version, for conditional writes. */
  version?: string;
}

/** The Monday (UTC) of the week a time falls in, `YYYY-MM-DD`. */
export function weekOf(iso: string): string {
  const time = new Date(iso);
  const daysSinceMonday = (time.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate() - daysSinceMonday)).toISOString().slice(0, 10);
}

function elapsed(from: string, to: string): number {
  return Math.max(0, Date.parse(to) - Date.parse(from));
}

/** What a question adds to the figures of the week it was asked in (nothing, once it is not a question). */
export function contributionOf(question: Question, week: string): QuestionContribution {
  const counted = question.tracked && !question.deletedAt && question.askedAt !== undefined;
  const askedAt = question.askedAt ?? '';
  const answerMs = counted && question.answer ? elapsed(askedAt, question.answer.at) : undefined;
  const firstResponseMs = counted && question.firstResponse ? elapsed(askedAt, question.firstResponse.at) : undefined;
  return {
    communityId: question.communityId,
    week,
    messageId: question.messageId,
    counted,
    answered: counted && question.answer !== undefined,
    answeredWithinDay: answerMs !== undefined && answerMs <= DAY_MS,
    waiting: counted && isWaiting(question),
    withoutResponse: counted && !question.answer && !question.firstResponse,
    ...(firstResponseMs !== undefined ? { firstResponseMs } : {}),
    ...(answerMs !== undefined ? { answerMs } : {}),
    escalatedSteps: counted ? Math.min(LADDER_STEPS, question.escalatedSteps) : 0,
  };
}

/** The bucket a duration falls in. */
export function bucketOf(ms: number): number {
  const minutes = ms / 60_000;
  const index = DURATION_BUCKETS_MINUTES.findIndex((bound) => minutes <= bound);
  return index === -1 ? DURATION_BUCKETS_MINUTES.length : index;
}

/** A week's figures from what each of its questions adds. */
export function weekFiguresOf(communityId: string, week: string, contributions: QuestionContribution[]): WeekFigures {
  const figures: WeekFigures = {
    communityId,
    week,
    asked: 0,
    answered: 0,
    answeredWithinDay: 0,
    waiting: 0,
    withoutResponse: 0,
    firstResponseBuckets: new Array<number>(DURATION_BUCKETS_MINUTES.length + 1).fill(0),
    answerBuckets: new Array<number>(DURATION_BUCKETS_MINUTES.length + 1).fill(0),
    escalated: new Array<number>(LADDER_STEPS).fill(0),
  };
  for (const c of contributions) {
    if (!c.counted) continue;
    figures.asked += 1;
    if (c.answered) figures.answered += 1;
    if (c.answeredWithinDay) figures.answeredWithinDay += 1;
    if (c.waiting) figures.waiting += 1;
    if (c.withoutResponse) figures.withoutResponse += 1;
    if (c.firstResponseMs !== undefined) figures.firstResponseBuckets[bucketOf(c.firstResponseMs)] += 1;
    if (c.answerMs !== undefined) figures.answerBuckets[bucketOf(c.answerMs)] += 1;
    for (let step = 0; step < c.escalatedSteps; step++) figures.escalated[step] += 1;
  }
  return figures;
}

/**
 * The duration, in minutes, under which a share (0.5 for the median, 0.9 for p90) of
 * the bucketed durations fall: the upper bound of the bucket the share reaches. Undefined
 * when there are none; Infinity when it reaches the open-ended last bucket.
 */
export function percentileMinutes(buckets: number[], share: number): number | undefined {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(share * total));
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= rank) return DURATION_BUCKETS_MINUTES[i] ?? Infinity;
  }
  return Infinity;
}
