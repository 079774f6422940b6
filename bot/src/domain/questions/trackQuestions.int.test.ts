import { ADA, GRACE, LINUS, fixedClock } from '../../../../test-support/builders';
import { freshTables } from '../../../../test-support/storage';
import { stripTags } from '../../../../test-support/builders';
import { TableQuestionFigureRepository, TableQuestionRepository } from '../../storage/tableQuestionRepository';
import { TableThreadRepository } from '../../storage/tableThreadRepository';
import type { Person } from '../shared/person';
import { trackChannelMessage, type ChannelMessageEvent } from './trackQuestions';

/*
 * Question tracking on Table storage: duplicate and concurrent deliveries race on real
 * ETags, and a week's figures still count each question once.
 */

const COMMUNITY = 'tenant|channel|19:team@thread.tacv2|19:general@thread.tacv2';

async function tablePorts() {
  const { tables } = await freshTables();
  return {
    questions: new TableQuestionRepository(tables.questions),
    questionFigures: new TableQuestionFigureRepository(tables.questionContributions, tables.questionFigures),
    threads: new TableThreadRepository(tables.threads, tables.retention, stripTags),
    clock: fixedClock('2026-11-02T12:00:00.000Z'),
  };
}

function post(id: string, author: Person, minute: number, root = id): ChannelMessageEvent {
  const at = new Date(Date.parse('2026-11-02T08:00:00.000Z') + minute * 60_000).toISOString();
  return {
    communityId: COMMUNITY,
    messageId: id,
    threadRootId: root,
    author,
    authorIsBot: false,
    sentAt: at,
    text: root === id ? `How do I fix flaky test ${id}?` : 'Retry with a clean cache.',
    kind: 'post',
    at,
  };
}

describe('tracking questions on Table storage', () => {
  it('counts each question of a burst once, though every message is delivered twice and at once', async () => {
    const ports = await tablePorts();
    const events = ['q1', 'q2', 'q3', 'q4', 'q5'].flatMap((id, i) => [
      post(id, ADA, i),
      post(`${id}-r`, i % 2 ? GRACE : LINUS, 30 + i, id),
    ]);
    // Roots first, then replies, each twice and all at once within a phase, as a retrying Teams might.
    await Promise.all(
      events.filter((e) => e.messageId === e.threadRootId).flatMap((e) => [trackChannelMessage(e, ports), trackChannelMessage(e, ports)]),
    );
    await Promise.all(
      events.filter((e) => e.messageId !== e.threadRootId).flatMap((e) => [trackChannelMessage(e, ports), trackChannelMessage(e, ports)]),
    );
    const week = await ports.questionFigures.getWeek(COMMUNITY, '2026-11-02');
    expect(week).toMatchObject({ asked: 5, waiting: 5, withoutResponse: 0 });
    expect(week!.firstResponseBuckets.reduce((a, b) => a + b, 0)).toBe(5);
    for (const id of ['q1', 'q2', 'q3', 'q4', 'q5']) {
      expect(await ports.questions.get(COMMUNITY, id)).toMatchObject({
        tracked: true,
        figuresPending: false,
        firstResponse: { messageId: `${id}-r` },
      });
    }
    expect(await ports.questionFigures.weeks(COMMUNITY, '2025-11-03', '2026-11-02')).toHaveLength(1);
  });
});
