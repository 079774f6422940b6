import { aRitual, fixedClock } from '../../../../test-support/builders';
import { MemoryRitualItemRepository } from '../../../../test-support/memory/memoryRitualItemRepository';
import { MemoryRitualRepository } from '../../../../test-support/memory/memoryRitualRepository';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import type { RitualItem } from './ritual';
import { addItem, listItems, removeItem, voteFromButton, voteOnItem, type ItemScope, type RitualItemPorts } from './ritualItems';
import { RITUAL_LIMITS } from './ritualKinds';

const AMA = aRitual();
const SCOPE: ItemScope = {
  communityId: AMA.communityId,
  ritualId: AMA.id,
  occurrenceId: '2026-11-10T16:00:00.000Z',
  actor: { person: { id: 'grace', name: 'Grace Hopper' }, role: 'member' },
};

/** In-memory ports holding one AMA and the items added to it. */
async function ports(): Promise<RitualItemPorts & { stored: () => Promise<RitualItem[]>; clock: ReturnType<typeof fixedClock> }> {
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

const ADA = { person: { id: 'ada', name: 'Ada Lovelace' }, role: 'member' as const };
const MANAGER = { person: { id: 'linus', name: 'Linus Torvalds' }, role: 'manager' as const };

describe('adding, voting and removing', () => {
  it('adds the same question once however often it is sent, and lists the most voted first', async () => {
    const p = await ports();
    const first = await addItem(SCOPE, 'How do we cache builds?', p);
    expect(await addItem(SCOPE, 'How do we CACHE builds?', p)).toEqual(first);
    const second = await addItem({ ...SCOPE, actor: ADA }, 'Why is CI slow?', p);
    await voteOnItem({ ...SCOPE, actor: MANAGER }, second.id, true, p);
    expect((await listItems(SCOPE, p)).items.map((i) => [i.text, i.voterIds])).toEqual([
      ['Why is CI slow?', ['linus']],
      ['How do we cache builds?', []],
    ]);
  });

  it('counts a person’s vote once, and withdraws it', async () => {
    const p = await ports();
    const item = await addItem(SCOPE, 'How do we cache builds?', p);
    await voteOnItem({ ...SCOPE, actor: ADA }, item.id, true, p);
    const twice = await voteOnItem({ ...SCOPE, actor: ADA }, item.id, true, p);
    expect(twice.voterIds).toEqual(['ada']);
    expect((await voteOnItem({ ...SCOPE, actor: ADA }, item.id, false, p)).voterIds).toEqual([]);
    await expect(voteOnItem(SCOPE, 'no-such-item', true, p)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps both of two votes cast at once', async () => {
    const p = await ports();
    const item = await addItem(SCOPE, 'How do we cache builds?', p);
    await Promise.all([voteOnItem({ ...SCOPE, actor: ADA }, item.id, true, p), voteOnItem({ ...SCOPE, actor: MANAGER }, item.id, true, p)]);
    expect((await p.stored())[0].voterIds.sort()).toEqual(['ada', 'linus']);
  });

  it('lets the author or a manager remove an entry, nobody else', async () => {
    const p = await ports();
    const item = await addItem(SCOPE, 'How do we cache builds?', p);
    await expect(removeItem({ ...SCOPE, actor: ADA }, item.id, p)).rejects.toBeInstanceOf(ForbiddenError);
    await removeItem({ ...SCOPE, actor: MANAGER }, item.id, p);
    expect(await p.stored()).toEqual([]);
    await expect(removeItem(SCOPE, item.id, p)).resolves.toBeUndefined();
  });

  it('takes nothing for an occurrence that is over, skipped or not in the schedule', async () => {
    const p = await ports();
    p.clock.set('2026-11-10T17:00:00.000Z');
    expect((await refusal('Too late?', p)).issues[0].message).toBe('This session is over. Add it to the next one instead.');
    await expect(addItem({ ...SCOPE, occurrenceId: '2026-11-11T16:00:00.000Z' }, 'When?', p)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addItem({ ...SCOPE, ritualId: 'gone' }, 'When?', p)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps a show & tell within its slots', async () => {
    const showAndTell = aRitual({ id: 'show', kind: 'showAndTell', slots: 2 });
    const p = await ports();
    await p.rituals.create(showAndTell);
    const scope = { ...SCOPE, ritualId: 'show' };
    await addItem(scope, 'My demo', p);
    p.clock.set('2026-11-02T09:05:00.000Z');
    await addItem({ ...scope, actor: ADA }, 'Mine too', p);
    const full = await addItem({ ...scope, actor: MANAGER }, 'And me', p).catch((e: unknown) => e);
    expect((full as ValidationError).issues[0].message).toBe(
      'Every slot is taken for this session. Ask the host, or sign up for the next one.',
    );
    expect((await listItems(scope, p)).items.map((i) => i.author.id)).toEqual(['grace', 'ada']);
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
