import { aRitual, fixedClock } from '../../../../test-support/builders';
import { MemoryRitualItemRepository } from '../../../../test-support/memory/memoryRitualItemRepository';
import { MemoryRitualRepository } from '../../../../test-support/memory/memoryRitualRepository';
import { ValidationError } from '../shared/errors';
import type { RitualItem } from './ritual';
import { addItem, type ItemScope, type RitualItemPorts } from './ritualItems';
import { RITUAL_LIMITS } from './ritualKinds';

const AMA = aRitual();
const SCOPE: ItemScope = {
  communityId: AMA.communityId,
  ritualId: AMA.id,
  occurrenceId: '2026-11-10T16:00:00.000Z',
  actor: { person: { id: 'grace', name: 'Grace Hopper' }, role: 'member' },
};

/** In-memory ports holding one AMA and the items added to it. */
async function ports(): Promise<RitualItemPorts & { stored: () => Promise<RitualItem[]> }> {
  const rituals = new MemoryRitualRepository();
  await rituals.create(AMA);
  const ritualItems = new MemoryRitualItemRepository();
  return {
    stored: () => ritualItems.list(SCOPE.communityId, SCOPE.ritualId, SCOPE.occurrenceId),
    rituals,
    ritualItems,
    clock: fixedClock('2026-11-02T09:00:00.000Z'),
    itemId: (parts) => parts.join('~'),
  };
}

async function refusal(text: string, p: RitualItemPorts): Promise<ValidationError> {
  const error = await addItem(SCOPE, text, p).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('addItem', () => {
  it('takes a question of exactly the limit', async () => {
    const p = await ports();
    const text = 'q'.repeat(RITUAL_LIMITS.itemMaxLength);
    const item = await addItem(SCOPE, text, p);
    expect(item).toMatchObject({ kind: 'question', text, author: { id: 'grace' } });
    expect(await p.stored()).toHaveLength(1);
  });

  it('refuses a question longer than the limit with an issue on its text, and stores nothing', async () => {
    const p = await ports();
    const error = await refusal('q'.repeat(RITUAL_LIMITS.itemMaxLength + 1), p);
    expect(error.issues).toEqual([{ field: 'text', message: `Keep it to ${RITUAL_LIMITS.itemMaxLength} characters.` }]);
    expect(await p.stored()).toEqual([]);
  });

  it('refuses a question that is only spaces, and stores nothing', async () => {
    const p = await ports();
    const error = await refusal('   ', p);
    expect(error.issues).toEqual([{ field: 'text', message: 'Write something first.' }]);
    expect(await p.stored()).toEqual([]);
  });
});
