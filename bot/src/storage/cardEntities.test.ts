import { creationCredits } from '../domain/cards/knowledgeCard';
import { ADA, GRACE, card, message } from '../../../test-support/builders';
import { cardEntity, indexWorkOf } from './cardEntities';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';

describe('the index work a card row carries', () => {
  const saved = card({
    communityId: COMMUNITY,
    title: 'Rotate the signing keys',
    summary: 'Before they expire, not after',
    tags: ['security'],
    messages: [
      message({ messageId: 'm-1', author: ADA }),
      message({ messageId: 'm-2', author: GRACE, sentAt: '2026-11-01T10:05:00.000Z' }),
    ],
    source: { conversationId: 'c', messageId: 'm-1' },
  });

  it('writes a new card without its credits: they follow from the card', () => {
    const row = cardEntity(saved, { state: 'new' }, 1);
    expect(row.indexState).toBe('new');
    expect(row).not.toHaveProperty('pendingContributions');
    expect(indexWorkOf(row)).toEqual({ pending: true, contributions: creationCredits(saved) });
  });

  it('keeps what a change cannot derive: the credits it made', () => {
    const curator = { person: ADA, role: 'curator' as const, cardId: saved.id, at: '2026-11-02T09:00:00.000Z', title: saved.title };
    const row = cardEntity({ ...saved, title: 'Rotate the keys yearly' }, { state: 'pending', contributions: [curator] }, 2);
    expect(indexWorkOf(row)).toEqual({ pending: true, contributions: [curator] });
  });

  it('owes nothing once indexed', () => {
    const row = { ...cardEntity(saved, { state: 'new' }, 1), indexState: 'indexed' };
    expect(indexWorkOf(row)).toEqual({ pending: false, contributions: [] });
  });
});
