import { ADA, GRACE, card as aCard, fixedClock, message } from '../../../../test-support/builders';
import { MemoryCardRepository } from '../../../../test-support/memory/memoryCardRepository';
import { MemoryThreadRepository } from '../../../../test-support/memory/memoryThreadRepository';
import { NotFoundError } from '../shared/errors';
import { updateHarvestedCard, type UpdateCardCommand } from './updateCard';

const COMMUNITY = 'tenant|channel|team|channel';

/** A card Ada saved, stored at version 1, and the ports an update needs. */
async function saved() {
  const cards = new MemoryCardRepository();
  const stored = await cards.create(aCard({ communityId: COMMUNITY, harvester: ADA, messages: [message({ messageId: '1' })] }));
  return { cards, stored, ports: { cards, threads: new MemoryThreadRepository(), clock: fixedClock('2026-11-05T10:00:00.000Z') } };
}

const command = (cardId: string, fields: Partial<UpdateCardCommand['fields']> = {}, expectedVersion = '1'): UpdateCardCommand => ({
  communityId: COMMUNITY,
  cardId,
  expectedVersion,
  actor: GRACE,
  fields: { title: 'Fix flaky deploys', summary: 'Warm the cache first.', kind: 'how-to', tags: ['ci'], ...fields },
});

describe('updateHarvestedCard', () => {
  it('updates the card at the version the person saw', async () => {
    const { cards, stored, ports } = await saved();
    const result = await updateHarvestedCard(command(stored.id), ports);
    expect(result).toMatchObject({ outcome: 'updated', card: { summary: 'Warm the cache first.', version: '2', updatedBy: GRACE } });
    expect((await cards.get(COMMUNITY, stored.id))?.version).toBe('2');
  });

  it('gives the issues and the card at the version the person saw when the input breaks a rule, and writes nothing', async () => {
    const { cards, stored, ports } = await saved();
    const result = await updateHarvestedCard(command(stored.id, { title: ' ' }), ports);
    expect(result).toEqual({
      outcome: 'invalid',
      issues: [{ field: 'title', message: 'Give the card a title.' }],
      card: { ...stored, version: '1' },
    });
    expect(await cards.get(COMMUNITY, stored.id)).toEqual(stored);
  });

  it('says the card changed when someone else updated it first, and writes nothing', async () => {
    const { cards, stored, ports } = await saved();
    await updateHarvestedCard(command(stored.id, { title: 'First' }), ports);
    const result = await updateHarvestedCard(command(stored.id, { title: 'Second' }), ports);
    expect(result).toEqual({ outcome: 'changed' });
    expect((await cards.get(COMMUNITY, stored.id))?.title).toBe('First');
  });

  it('answers a retry of an update already written as updated, and writes nothing more', async () => {
    const { cards, stored, ports } = await saved();
    const first = await updateHarvestedCard(command(stored.id, { title: 'First' }), ports);
    const retried = await updateHarvestedCard(command(stored.id, { title: 'First' }), ports);
    expect(retried).toEqual(first);
    expect((await cards.get(COMMUNITY, stored.id))?.version).toBe('2');
  });

  it('says the card changed when someone else wrote the same change first', async () => {
    const { stored, ports } = await saved();
    await updateHarvestedCard({ ...command(stored.id, { title: 'Same' }), actor: ADA }, ports);
    expect(await updateHarvestedCard(command(stored.id, { title: 'Same' }), ports)).toEqual({ outcome: 'changed' });
  });

  it('says the card is missing when it is gone, whatever the input', async () => {
    const { ports } = await saved();
    for (const fields of [{}, { title: '' }]) {
      const error = await updateHarvestedCard(command('f'.repeat(32), fields), ports).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).subject).toBe('card');
    }
  });
});
