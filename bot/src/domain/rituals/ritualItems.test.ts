import { aRitual, fixedClock } from '../../../../test-support/builders';
import { MemoryRitualItemRepository, MemoryRitualRepository } from '../../../../test-support/teamsHarness/memoryPorts';
import { type NotFoundError, ValidationError } from '../shared/errors';
import type { RitualItem } from './ritual';
import { addItem, voteFromButton, type ItemScope, type RitualItemPorts } from './ritualItems';
import { RITUAL_LIMITS } from './ritualKinds';
import type { RitualItemRepository, RitualRepository } from './ritualPorts';

const AMA = aRitual();
const SCOPE: ItemScope = {
  communityId: AMA.communityId,
  ritualId: AMA.id,
  occurrenceId: '2026-11-10T16:00:00.000Z',
  actor: { person: { id: 'grace', name: 'Grace Hopper' }, role: 'member' },
};

/** In-memory ports holding one AMA and the items added to it. */
function ports(): RitualItemPorts & { stored: RitualItem[] } {
  const stored: RitualItem[] = [];
  const rituals = { get: async (_c: string, id: string) => (id === AMA.id ? AMA : undefined) } as Partial<RitualRepository>;
  const ritualItems: Partial<RitualItemRepository> = {
    list: async () => [...stored],
    get: async (_c, _r, _o, id) => stored.find((i) => i.id === id),
    create: async (item) => {
      stored.push(item);
      return item;
    },
  };
  return {
    stored,
    rituals: rituals as RitualRepository,
    ritualItems: ritualItems as RitualItemRepository,
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
    const p = ports();
    const text = 'q'.repeat(RITUAL_LIMITS.itemMaxLength);
    const item = await addItem(SCOPE, text, p);
    expect(item).toMatchObject({ kind: 'question', text, author: { id: 'grace' } });
    expect(p.stored).toHaveLength(1);
  });

  it('refuses a question longer than the limit with an issue on its text, and stores nothing', async () => {
    const p = ports();
    const error = await refusal('q'.repeat(RITUAL_LIMITS.itemMaxLength + 1), p);
    expect(error.issues).toEqual([{ field: 'text', message: `Keep it to ${RITUAL_LIMITS.itemMaxLength} characters.` }]);
    expect(p.stored).toEqual([]);
  });

  it('refuses a question that is only spaces, and stores nothing', async () => {
    const p = ports();
    const error = await refusal('   ', p);
    expect(error.issues).toEqual([{ field: 'text', message: 'Write something first.' }]);
    expect(p.stored).toEqual([]);
  });
});

describe('voteFromButton', () => {
  /** The AMA and one question by Ada, in the in-memory repositories the Teams tests use. */
  async function oneQuestion() {
    const rituals = new MemoryRitualRepository();
    const ritualItems = new MemoryRitualItemRepository();
    await rituals.create(AMA);
    const item = await ritualItems.create({
      id: 'q1',
      communityId: AMA.communityId,
      ritualId: AMA.id,
      occurrenceId: SCOPE.occurrenceId,
      kind: 'question',
      text: 'How do we cache builds?',
      author: { id: 'ada', name: 'Ada Lovelace' },
      createdAt: '2026-11-02T08:00:00.000Z',
      voterIds: [],
    });
    return { ports: { rituals, ritualItems }, item };
  }

  it('adds or withdraws the person’s vote as the button says, once however often it is pressed', async () => {
    const { ports, item } = await oneQuestion();
    expect((await voteFromButton(SCOPE, { itemId: item.id, up: true }, ports)).voterIds).toEqual(['grace']);
    expect((await voteFromButton(SCOPE, { itemId: item.id, up: true }, ports)).voterIds).toEqual(['grace']);
    expect((await voteFromButton(SCOPE, { itemId: item.id, up: false }, ports)).voterIds).toEqual([]);
    expect((await voteFromButton(SCOPE, { itemId: item.id, up: false }, ports)).voterIds).toEqual([]);
  });

  it('flips the vote when the button does not say which way', async () => {
    const { ports, item } = await oneQuestion();
    expect((await voteFromButton(SCOPE, { itemId: item.id }, ports)).voterIds).toEqual(['grace']);
    expect((await voteFromButton(SCOPE, { itemId: item.id }, ports)).voterIds).toEqual([]);
  });

  it('keeps the person’s choice when someone else’s vote lands first, and keeps both votes', async () => {
    const { ports, item } = await oneQuestion();
    const replace = ports.ritualItems.replace.bind(ports.ritualItems);
    let raced = false;
    ports.ritualItems.replace = async (next) => {
      if (!raced) {
        raced = true;
        await replace({ ...(await ports.ritualItems.get(AMA.communityId, AMA.id, SCOPE.occurrenceId, item.id))!, voterIds: ['linus'] });
      }
      return replace(next);
    };

    const voted = await voteFromButton(SCOPE, { itemId: item.id }, ports);

    expect(voted.voterIds).toEqual(['linus', 'grace']);
  });

  it('says the entry is missing when the button names none or one that is gone, and the ritual when it is gone', async () => {
    const { ports } = await oneQuestion();
    const subjectOf = (promise: Promise<unknown>) => promise.catch((e: unknown) => (e as NotFoundError).subject);
    expect(await subjectOf(voteFromButton(SCOPE, {}, ports))).toBe('item');
    expect(await subjectOf(voteFromButton(SCOPE, { itemId: 'removed' }, ports))).toBe('item');
    expect(await subjectOf(voteFromButton({ ...SCOPE, ritualId: 'deleted' }, { itemId: 'q1', up: true }, ports))).toBe('ritual');
  });
});
