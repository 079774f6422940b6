import { ADA, GRACE, LINUS, card as aCard, fixedClock, message } from '../../../../test-support/builders';
import { MemoryCardRepository } from '../../../../test-support/memory/memoryCardRepository';
import { MemoryThreadRepository } from '../../../../test-support/memory/memoryThreadRepository';
import { memoryTeamDirectory } from '../../../../test-support/memory/memoryTeamDirectory';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import type { KnowledgeCard, StoredCard } from './knowledgeCard';
import { archiveCard, editCard, reassignOwner, restoreCard, verifyCard, type Actor, type CardCommand } from './curateCard';
import { updateCard } from './updateCard';

const COMMUNITY = 'tenant|channel|team|channel';
const team = { tenantId: 'tenant', teamId: 'team' };
/** Ada and Grace are in the team; Linus is not. */
const directory = memoryTeamDirectory({ team: { [ADA.id]: 'member', [GRACE.id]: 'member' } });
const NOW = '2026-11-05T10:00:00.000Z';

/** In-memory ports holding one card Ada harvested. */
async function holding(card: KnowledgeCard = aCard({ communityId: COMMUNITY, harvester: ADA })) {
  const cards = new MemoryCardRepository();
  const stored = await cards.create(card);
  return { ports: { cards, clock: fixedClock(NOW), directory, threads: new MemoryThreadRepository() }, stored, cards };
}

const as = (person: typeof ADA, role: Actor['role'], stored: StoredCard, version = stored.version): CardCommand => ({
  communityId: COMMUNITY,
  cardId: stored.id,
  expectedVersion: version,
  actor: { person, role },
});

describe('reassignOwner', () => {
  it('lets a manager make another team member the owner, recording who, when and whom, and crediting the curation', async () => {
    const { ports, stored, cards } = await holding();
    const card = await reassignOwner({ ...as(LINUS, 'manager', stored), team, owner: GRACE }, ports);
    expect(card.owner).toEqual(GRACE);
    expect((await cards.get(COMMUNITY, stored.id))?.history?.at(-1)).toEqual({ at: NOW, by: LINUS, action: 'reassigned', owner: GRACE });
    expect((await cards.contributions.list(COMMUNITY)).filter((c) => c.role === 'curator').map((c) => [c.person.id, c.at])).toEqual([
      [LINUS.id, NOW],
    ]);
  });

  it('refuses anyone who is not a manager, even the card’s harvester and owner', async () => {
    const { ports, stored } = await holding();
    await expect(reassignOwner({ ...as(ADA, 'member', stored), team, owner: GRACE }, ports)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses someone outside the team, and a stale version', async () => {
    const { ports, stored } = await holding();
    await expect(reassignOwner({ ...as(ADA, 'manager', stored), team, owner: LINUS }, ports)).rejects.toBeInstanceOf(ValidationError);
    await expect(reassignOwner({ ...as(ADA, 'manager', stored, '0'), team, owner: GRACE }, ports)).rejects.toBeInstanceOf(ConflictError);
  });

  it('writes nothing when the person already owns it', async () => {
    const { ports, stored, cards } = await holding(aCard({ communityId: COMMUNITY, harvester: ADA, owner: GRACE }));
    await reassignOwner({ ...as(ADA, 'manager', stored), team, owner: GRACE }, ports);
    expect((await cards.get(COMMUNITY, stored.id))?.version).toBe(stored.version);
  });
});

describe('editCard', () => {
  it('changes the fields given, normalized, and records which', async () => {
    const { ports, stored } = await holding();
    const edited = await editCard(
      { ...as(ADA, 'member', stored), edits: { title: '  New   title ', tags: ['#Ops', 'ci'], reviewIntervalDays: 30 } },
      ports,
    );
    expect(edited).toMatchObject({
      title: 'New title',
      tags: ['ops', 'ci'],
      reviewIntervalDays: 30,
      summary: stored.summary,
      updatedBy: ADA,
    });
    expect(edited.history?.at(-1)).toEqual({ at: NOW, by: ADA, action: 'edited', fields: ['title', 'tags', 'reviewIntervalDays'] });
  });

  it('is for the harvester, the owner and managers only', async () => {
    const { ports, stored } = await holding(aCard({ communityId: COMMUNITY, harvester: ADA, owner: GRACE }));
    await expect(editCard({ ...as(LINUS, 'member', stored), edits: { title: 'Mine now' } }, ports)).rejects.toBeInstanceOf(ForbiddenError);
    const byOwner = await editCard({ ...as(GRACE, 'member', stored), edits: { title: 'By the owner' } }, ports);
    await expect(editCard({ ...as(LINUS, 'manager', byOwner), edits: { title: 'By a manager' } }, ports)).resolves.toMatchObject({
      title: 'By a manager',
    });
  });

  it('says a missing card is not found, and refuses an invalid edit without writing', async () => {
    const { ports, stored, cards } = await holding();
    await expect(editCard({ ...as(ADA, 'member', stored), cardId: 'nope', edits: { title: 'x' } }, ports)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(editCard({ ...as(ADA, 'member', stored), edits: { title: '' } }, ports)).rejects.toThrow('Give the card a title.');
    expect((await cards.get(COMMUNITY, stored.id))?.version).toBe(stored.version);
  });
});

describe('archiveCard, restoreCard and verifyCard', () => {
  it('archives a card out of the listing and restores it back in', async () => {
    const { ports, stored, cards } = await holding();
    const archived = await archiveCard(as(ADA, 'member', stored), ports);
    expect(archived).toMatchObject({ archivedAt: NOW, archivedBy: ADA });
    expect((await cards.recent(COMMUNITY, 0, 10)).cards).toEqual([]);
    expect(await archiveCard(as(ADA, 'member', archived), ports)).toEqual(archived);
    const restored = await restoreCard(as(ADA, 'member', archived), ports);
    expect(restored).not.toHaveProperty('archivedAt');
    expect((await cards.recent(COMMUNITY, 0, 10)).cards.map((c) => c.id)).toEqual([stored.id]);
    expect(restored.history?.map((h) => h.action)).toEqual(['created', 'archived', 'restored']);
  });

  it('lets the owner confirm a card, restarting its review clock, but not an archived one', async () => {
    const { ports, stored } = await holding();
    const verified = await verifyCard(as(ADA, 'member', stored), ports);
    expect(verified).toMatchObject({ verifiedAt: NOW, verifiedBy: ADA });
    await expect(verifyCard(as(GRACE, 'member', verified), ports)).rejects.toBeInstanceOf(ForbiddenError);
    const archived = await archiveCard(as(ADA, 'member', verified), ports);
    await expect(verifyCard(as(ADA, 'member', archived), ports)).rejects.toThrow('Restore the card before confirming it.');
  });
});

describe('updateCard from the harvest dialog', () => {
  it('records the fields it changed in the card’s history', async () => {
    const base = aCard({ communityId: COMMUNITY, harvester: ADA, messages: [message({ messageId: '1' })] });
    const { ports, stored, cards } = await holding(base);
    await updateCard(
      {
        communityId: COMMUNITY,
        cardId: base.id,
        expectedVersion: stored.version,
        actor: GRACE,
        fields: { title: base.title, summary: 'Something new', kind: base.kind, tags: base.tags },
      },
      ports,
    );
    expect((await cards.get(COMMUNITY, base.id))?.history).toEqual([
      { at: base.createdAt, by: ADA, action: 'created' },
      { at: NOW, by: GRACE, action: 'edited', fields: ['summary'] },
    ]);
  });
});
