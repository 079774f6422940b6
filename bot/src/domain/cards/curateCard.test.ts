import { ADA, GRACE, LINUS, card as aCard, fixedClock, message } from '../../../../test-support/builders';
import { ConflictError, ForbiddenError, ValidationError } from '../shared/errors';
import type { KnowledgeCard, StoredCard } from './knowledgeCard';
import type { CardRepository } from './cardPorts';
import type { TeamDirectory } from '../communities/communityPorts';
import { reassignOwner } from './curateCard';
import { updateCard } from './updateCard';

/** One community's cards in memory: just what curation reads and writes. */
function cardsHolding(card: KnowledgeCard) {
  let stored: StoredCard = { ...card, version: '1' };
  const cards = {
    get: async (_community: string, id: string) => (id === stored.id ? stored : undefined),
    replace: async (next: KnowledgeCard, _credits: unknown, previous: StoredCard) => {
      if (previous.version !== stored.version) throw new ConflictError('card');
      stored = { ...next, version: String(Number(stored.version) + 1) };
      return stored;
    },
  } as unknown as CardRepository;
  return { cards, current: () => stored };
}

const COMMUNITY = 'tenant|team|channel';
const team = { tenantId: 'tenant', teamId: 'team' };
/** Ada and Grace are in the team; Linus is not. */
const directory: TeamDirectory = { roleOf: async (_team, id) => (id === LINUS.id ? undefined : 'member') };
const clock = fixedClock('2026-11-05T10:00:00.000Z');

describe('reassignOwner', () => {
  const base = aCard({ communityId: COMMUNITY, harvester: ADA });
  const command = (role: 'manager' | 'member', owner = GRACE, expectedVersion = '1') => ({
    communityId: COMMUNITY,
    cardId: base.id,
    expectedVersion,
    actor: { person: ADA, role },
    team,
    owner,
  });

  it('lets a manager make another team member the owner, recording who, when and whom', async () => {
    const { cards, current } = cardsHolding(base);
    const card = await reassignOwner(command('manager'), { cards, clock, directory });
    expect(card.owner).toEqual(GRACE);
    expect(current().history?.at(-1)).toEqual({ at: '2026-11-05T10:00:00.000Z', by: ADA, action: 'reassigned', owner: GRACE });
  });

  it('refuses anyone who is not a manager, even the card’s harvester and owner', async () => {
    const { cards } = cardsHolding(base);
    await expect(reassignOwner(command('member'), { cards, clock, directory })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses someone outside the team, and a stale version', async () => {
    const { cards } = cardsHolding(base);
    await expect(reassignOwner(command('manager', LINUS), { cards, clock, directory })).rejects.toBeInstanceOf(ValidationError);
    await expect(reassignOwner(command('manager', GRACE, '0'), { cards, clock, directory })).rejects.toBeInstanceOf(ConflictError);
  });

  it('writes nothing when the person already owns it', async () => {
    const { cards, current } = cardsHolding({ ...base, owner: GRACE });
    await reassignOwner(command('manager'), { cards, clock, directory });
    expect(current().version).toBe('1');
  });
});

describe('updateCard from the harvest dialog', () => {
  const threads = { list: async () => [], save: async () => undefined, remove: async () => undefined, purgeExpired: async () => 0 };

  it('records the fields it changed in the card’s history', async () => {
    const base = aCard({ communityId: COMMUNITY, harvester: ADA, messages: [message({ messageId: '1' })] });
    const { cards, current } = cardsHolding(base);
    await updateCard(
      {
        communityId: COMMUNITY,
        cardId: base.id,
        expectedVersion: '1',
        actor: GRACE,
        fields: { title: base.title, summary: 'Something new', kind: base.kind, tags: base.tags },
      },
      { cards, threads, clock },
    );
    expect(current().history).toEqual([
      { at: base.createdAt, by: ADA, action: 'created' },
      { at: '2026-11-05T10:00:00.000Z', by: GRACE, action: 'edited', fields: ['summary'] },
    ]);
  });
});
