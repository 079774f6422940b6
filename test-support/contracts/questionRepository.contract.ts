import type { Question } from '../../bot/src/domain/questions/question';
import { weekFiguresOf, type QuestionContribution, type WeekFigures } from '../../bot/src/domain/questions/questionFigures';
import type { QuestionFigureRepository, QuestionRepository } from '../../bot/src/domain/questions/questionPorts';
import { ConflictError } from '../../bot/src/domain/shared/errors';
import { ADA, GRACE } from '../builders';
import { freshCommunity } from './cardRepository.contract';

/** A question with every field set, as tracking writes one that was answered. */
export function answeredQuestion(communityId: string, messageId: string): Question {
  return {
    communityId,
    messageId,
    asker: ADA,
    askedAt: '2026-11-02T09:00:00.000Z',
    tracked: true,
    explicit: { by: GRACE, at: '2026-11-02T09:05:00.000Z' },
    terms: ['terraform', 'state', 'locking'],
    contentFrom: 'edit',
    contentAt: '2026-11-02T09:01:00.000Z',
    firstResponse: { by: GRACE, messageId: '1730538000000', at: '2026-11-02T09:30:00.000Z' },
    answer: {
      messageId: '1730538000000',
      by: GRACE,
      at: '2026-11-02T09:30:00.000Z',
      markedBy: ADA,
      markedAt: '2026-11-02T10:00:00.000Z',
    },
    escalatedSteps: 1,
    countedWeek: '2026-11-02',
    figuresPending: false,
  };
}

/**
 * What every QuestionRepository does: a question is written whole, created once, and
 * changed only at the version it was read at, whatever characters its ids hold.
 */
export function describeQuestionRepositoryContract(name: string, open: () => Promise<QuestionRepository>): void {
  describe(`QuestionRepository contract: ${name}`, () => {
    let repo: QuestionRepository;

    beforeAll(async () => {
      repo = await open();
    });

    it('has no question for a message it never saw', async () => {
      expect(await repo.get(freshCommunity('questions'), '1730536200000')).toBeUndefined();
    });

    it('creates a question and reads it back whole, at the version it answered', async () => {
      const community = freshCommunity('questions');
      const saved = await repo.save(answeredQuestion(community, '1730536200000'));
      expect(saved).toEqual({ ...answeredQuestion(community, '1730536200000'), version: expect.any(String) });
      expect(await repo.get(community, '1730536200000')).toEqual(saved);
    });

    it('keeps a marker without asker, time or optional fields as it is', async () => {
      const community = freshCommunity('questions');
      const marker: Question = {
        communityId: community,
        messageId: 'm/1#?\\',
        tracked: false,
        terms: [],
        escalatedSteps: 0,
        deletedAt: '2026-11-02T09:00:00.000Z',
      };
      const saved = await repo.save(marker);
      expect(await repo.get(community, 'm/1#?\\')).toEqual({ ...marker, version: saved.version });
    });

    it('refuses a second creation and a write at a stale version, keeping the first', async () => {
      const community = freshCommunity('questions');
      const first = await repo.save(answeredQuestion(community, 'q'));
      await expect(repo.save(answeredQuestion(community, 'q'))).rejects.toBeInstanceOf(ConflictError);
      const second = await repo.save({ ...first, tracked: false, terms: [] });
      expect(second.version).not.toBe(first.version);
      await expect(repo.save({ ...first, escalatedSteps: 3 })).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.get(community, 'q')).toEqual(second);
    });

    it('keeps communities apart', async () => {
      const one = freshCommunity('questions');
      const other = freshCommunity('questions');
      await repo.save(answeredQuestion(one, 'same-id'));
      expect(await repo.get(other, 'same-id')).toBeUndefined();
    });
  });
}

function contribution(
  communityId: string,
  week: string,
  messageId: string,
  extra: Partial<QuestionContribution> = {},
): QuestionContribution {
  return {
    communityId,
    week,
    messageId,
    counted: true,
    answered: true,
    answeredWithinDay: true,
    waiting: false,
    withoutResponse: false,
    firstResponseMs: 1_800_000,
    answerMs: 3_600_000,
    escalatedSteps: 0,
    ...extra,
  };
}

/**
 * What every QuestionFigureRepository does: a question's contribution replaced in place,
 * a week's figures written conditionally, and a range of weeks read oldest first.
 */
export function describeQuestionFigureRepositoryContract(name: string, open: () => Promise<QuestionFigureRepository>): void {
  describe(`QuestionFigureRepository contract: ${name}`, () => {
    let repo: QuestionFigureRepository;

    beforeAll(async () => {
      repo = await open();
    });

    it('replaces a question’s contribution to a week, keeping weeks and communities apart', async () => {
      const community = freshCommunity('figures');
      await repo.putContribution(contribution(community, '2026-11-02', 'b'));
      await repo.putContribution(
        contribution(community, '2026-11-02', 'a/#?', { answered: false, answeredWithinDay: false, waiting: true }),
      );
      await repo.putContribution(contribution(community, '2026-11-02', 'b', { counted: false }));
      await repo.putContribution(contribution(community, '2026-11-09', 'c', { firstResponseMs: undefined }));
      await repo.putContribution(contribution(freshCommunity('figures'), '2026-11-02', 'd'));
      const week = await repo.contributions(community, '2026-11-02');
      expect(week.sort((x, y) => x.messageId.localeCompare(y.messageId))).toEqual([
        contribution(community, '2026-11-02', 'a/#?', { answered: false, answeredWithinDay: false, waiting: true }),
        contribution(community, '2026-11-02', 'b', { counted: false }),
      ]);
      const { firstResponseMs: _none, ...withoutResponseTime } = contribution(community, '2026-11-09', 'c');
      expect(await repo.contributions(community, '2026-11-09')).toEqual([withoutResponseTime]);
    });

    it('creates a week once and changes it only at the version read', async () => {
      const community = freshCommunity('figures');
      const figures: WeekFigures = weekFiguresOf(community, '2026-11-02', [
        contribution(community, '2026-11-02', 'a', { escalatedSteps: 2 }),
      ]);
      const first = await repo.saveWeek(figures);
      expect(await repo.getWeek(community, '2026-11-02')).toEqual({ ...figures, version: first.version });
      await expect(repo.saveWeek(figures)).rejects.toBeInstanceOf(ConflictError);
      const second = await repo.saveWeek({ ...first, asked: 2 });
      await expect(repo.saveWeek({ ...first, asked: 3 })).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.getWeek(community, '2026-11-02')).toEqual(second);
      expect(await repo.getWeek(community, '2026-11-09')).toBeUndefined();
    });

    it('reads the weeks of a range, oldest first, and only those', async () => {
      const community = freshCommunity('figures');
      for (const week of ['2026-11-16', '2025-12-29', '2026-11-02', '2026-01-05', '2026-11-23']) {
        await repo.saveWeek(weekFiguresOf(community, week, []));
      }
      await repo.saveWeek(weekFiguresOf(freshCommunity('figures'), '2026-11-02', []));
      const read = await repo.weeks(community, '2026-01-05', '2026-11-16');
      expect(read.map((w) => w.week)).toEqual(['2026-01-05', '2026-11-02', '2026-11-16']);
      expect(read[0]).toEqual({ ...weekFiguresOf(community, '2026-01-05', []), version: expect.any(String) });
    });
  });
}
