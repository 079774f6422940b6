import { ADA, GRACE, fixedClock } from '../../../../test-support/builders';
import { MemoryQuestionFigureRepository, MemoryQuestionRepository } from '../../../../test-support/memory/memoryQuestionRepository';
import { MemoryThreadRepository } from '../../../../test-support/memory/memoryThreadRepository';
import { readQuestionFigures } from './readQuestionFigures';
import { trackChannelMessage, type ChannelMessageEvent } from './trackQuestions';

const COMMUNITY = 'tenant|channel|team|chan';

function event(id: string, sentAt: string, root = id): ChannelMessageEvent {
  return {
    communityId: COMMUNITY,
    messageId: id,
    threadRootId: root,
    author: root === id ? ADA : GRACE,
    authorIsBot: false,
    sentAt,
    text: root === id ? 'Why does the build fail?' : 'Clear the cache.',
    kind: 'post',
    at: sentAt,
  };
}

describe('reading question figures', () => {
  it('gives every week of the range, oldest first, with medians, p90s and what waits now, in one read', async () => {
    const ports = {
      questions: new MemoryQuestionRepository(),
      questionFigures: new MemoryQuestionFigureRepository(),
      threads: new MemoryThreadRepository(),
      clock: fixedClock('2026-11-20T12:00:00.000Z'),
    };
    await trackChannelMessage(event('a', '2026-11-03T09:00:00.000Z'), ports);
    await trackChannelMessage(event('a-r', '2026-11-03T09:10:00.000Z', 'a'), ports);
    await trackChannelMessage(event('b', '2026-11-04T09:00:00.000Z'), ports);
    await trackChannelMessage(event('b-r', '2026-11-04T12:00:00.000Z', 'b'), ports);
    await trackChannelMessage(event('c', '2026-11-17T09:00:00.000Z'), ports);
    const weeks = jest.spyOn(ports.questionFigures, 'weeks');

    const read = await readQuestionFigures({ communityId: COMMUNITY, weeks: 4, now: ports.clock.now() }, ports);
    expect(weeks).toHaveBeenCalledTimes(1);
    expect(read.weeks.map((w) => [w.week, w.asked])).toEqual([
      ['2026-10-26', 0],
      ['2026-11-02', 2],
      ['2026-11-09', 0],
      ['2026-11-16', 1],
    ]);
    expect(read.weeks[1]).toMatchObject({ firstResponseMedianMinutes: 15, firstResponseP90Minutes: 240, waiting: 2 });
    expect(read.weeks[0].firstResponseMedianMinutes).toBeUndefined();
    expect(read).toMatchObject({ waitingNow: 3, withoutResponseNow: 1 });
  });
});
