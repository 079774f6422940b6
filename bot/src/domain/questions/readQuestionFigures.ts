import type { QuestionFigureRepository } from './questionPorts';
import { percentileMinutes, weekOf, type WeekFigures } from './questionFigures';

/** One week's figures as the health view shows them: counts, and median and p90 in minutes. */
export interface WeekSummary {
  week: string;
  asked: number;
  answered: number;
  answeredWithinDay: number;
  waiting: number;
  withoutResponse: number;
  firstResponseMedianMinutes?: number;
  firstResponseP90Minutes?: number;
  answerMedianMinutes?: number;
  answerP90Minutes?: number;
  escalated: number[];
}

/** Most weeks read at once: a year and a bit. */
export const FIGURE_WEEKS_MAX = 60;

function summary(figures: WeekFigures): WeekSummary {
  const minutes = (buckets: number[], share: number) => percentileMinutes(buckets, share);
  const optional = (name: keyof WeekSummary, value: number | undefined) => (value === undefined ? {} : { [name]: value });
  return {
    week: figures.week,
    asked: figures.asked,
    answered: figures.answered,
    answeredWithinDay: figures.answeredWithinDay,
    waiting: figures.waiting,
    withoutResponse: figures.withoutResponse,
    ...optional('firstResponseMedianMinutes', minutes(figures.firstResponseBuckets, 0.5)),
    ...optional('firstResponseP90Minutes', minutes(figures.firstResponseBuckets, 0.9)),
    ...optional('answerMedianMinutes', minutes(figures.answerBuckets, 0.5)),
    ...optional('answerP90Minutes', minutes(figures.answerBuckets, 0.9)),
    escalated: figures.escalated,
  };
}

/**
 * A community's question figures for the `weeks` weeks up to the one `now` falls in,
 * oldest first, with every week present (zeros where nothing was asked), and how many
 * questions wait now: one read of at most {@link FIGURE_WEEKS_MAX} rows, however many
 * questions there were. A question waiting longer than the range is not in `waitingNow`.
 */
export async function readQuestionFigures(
  command: { communityId: string; weeks: number; now: Date },
  ports: { questionFigures: QuestionFigureRepository },
): Promise<{ weeks: WeekSummary[]; waitingNow: number; withoutResponseNow: number }> {
  const count = Math.min(Math.max(1, Math.floor(command.weeks)), FIGURE_WEEKS_MAX);
  const last = weekOf(command.now.toISOString());
  const all = Array.from({ length: count }, (_, i) => {
    const monday = new Date(`${last}T00:00:00.000Z`);
    monday.setUTCDate(monday.getUTCDate() - 7 * (count - 1 - i));
    return monday.toISOString().slice(0, 10);
  });
  const stored = new Map((await ports.questionFigures.weeks(command.communityId, all[0], last)).map((w) => [w.week, w]));
  const weeks = all.map(
    (week) =>
      stored.get(week) ?? {
        communityId: command.communityId,
        week,
        asked: 0,
        answered: 0,
        answeredWithinDay: 0,
        waiting: 0,
        withoutResponse: 0,
        firstResponseBuckets: [],
        answerBuckets: [],
        escalated: [0, 0, 0],
      },
  );
  return {
    weeks: weeks.map(summary),
    waitingNow: weeks.reduce((sum, w) => sum + w.waiting, 0),
    withoutResponseNow: weeks.reduce((sum, w) => sum + w.withoutResponse, 0),
  };
}
