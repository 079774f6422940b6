import { aRitual } from '../../../test-support/builders';
import { cardProblems } from '../../../test-support/adaptiveCards';
import { botHarness } from '../../../test-support/teamsHarness/botHarness';
import { dialogCard, input, submitActions, textOf } from '../../../test-support/teamsHarness/cardReading';
import { ADELE, BOT, CHANNEL, MEGAN, channelMessage, personOf, taskInvoke } from '../../../test-support/teamsHarness/teamsActivities';
import { communityId, type CommunityRef } from '../domain/communities/community';
import type { RitualItem } from '../domain/rituals/ritual';
import { RITUAL_LIMITS } from '../domain/rituals/ritualKinds';

/*
 * The ritual dialogs, votes and the `rituals` command run in-process: the real bot on
 * in-memory ports, sent what Teams sends when a person presses a ritual card's buttons.
 */

const REF: CommunityRef = { scope: 'channel', tenantId: CHANNEL.tenantId, teamId: CHANNEL.teamId, conversationId: CHANNEL.channelId };
const COMMUNITY = communityId(REF);
/** The AMA's first session: 10 November 2026, 17:00 in Paris. */
const OCCURRENCE = '2026-11-10T16:00:00.000Z';
const AMA = aRitual({ id: 'ama-1', communityId: COMMUNITY, community: REF, title: 'Platform AMA' });
const at = { ritualId: AMA.id, occurrenceId: OCCURRENCE };

/** A harness holding the AMA, a week before its first session. */
async function withAma() {
  const bot = botHarness({ now: '2026-11-02T09:00:00.000Z' });
  await bot.ports.rituals.create(AMA);
  return bot;
}

const openForm = { msteams: { type: 'task/fetch' }, verb: 'ritualAddItem', ...at };
/** What Teams sends when the form's button is pressed: the button's data and the form's input. */
const sendText = (text: string) => ({ verb: 'ritualAddItem', ...at, text });
const items = (bot: Awaited<ReturnType<typeof withAma>>): Promise<RitualItem[]> =>
  bot.ports.ritualItems.list(COMMUNITY, AMA.id, OCCURRENCE);

/** The ritual dialog's problem: its own title, and one sentence. */
function problemAnswer(sentence: string) {
  return {
    status: 200,
    body: {
      task: {
        type: 'continue',
        value: {
          title: 'Commonplace',
          width: 'medium',
          height: 'large',
          card: {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: expect.objectContaining({
              body: [
                { type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: sentence, wrap: true, weight: 'Bolder' }] },
              ],
            }),
          },
        },
      },
    },
  };
}

/** The upvote buttons of an items dialog, as their titles and data. */
const voteButtons = (card: ReturnType<typeof dialogCard>) => submitActions(card).filter((a) => a.data.verb === 'ritualVote');

describe('ritual dialogs', () => {
  it('opens the question form from a card’s button', async () => {
    const bot = await withAma();
    const { invoke } = await bot.send(taskInvoke('task/fetch', MEGAN, openForm));

    expect(invoke).toEqual({
      status: 200,
      body: {
        task: {
          type: 'continue',
          value: {
            title: 'Commonplace',
            width: 'medium',
            height: 'medium',
            card: { contentType: 'application/vnd.microsoft.card.adaptive', content: expect.objectContaining({ type: 'AdaptiveCard' }) },
          },
        },
      },
    });
    const form = dialogCard(invoke);
    expect(cardProblems(form)).toEqual([]);
    expect(textOf(form.body)).toContain('Platform AMA');
    expect(input(form, 'text')).toMatchObject({ type: 'Input.Text', label: 'Your question', isRequired: true });
    expect(form.actions).toEqual([{ type: 'Action.Submit', title: 'Send', data: { verb: 'ritualAddItem', ...at } }]);
  });

  it('adds a question once however often the submit is retried, and shows it in the list', async () => {
    const bot = await withAma();
    const submitted = taskInvoke('task/submit', MEGAN, sendText('How do we cache  builds?'));

    const first = await bot.send(submitted);
    const retried = await bot.send(submitted);

    const list = dialogCard(first.invoke);
    expect(cardProblems(list)).toEqual([]);
    expect(textOf(list.body)).toContain('Your question is in. Upvote others you want answered too.');
    expect(textOf(list.body)).toContain('How do we cache builds?\n\n_Megan Bowen_');
    expect(retried.invoke).toEqual(first.invoke);
    expect(await items(bot)).toEqual([
      expect.objectContaining({ kind: 'question', text: 'How do we cache builds?', author: personOf(MEGAN), voterIds: [] }),
    ]);
  });

  it('adds a person’s upvote with the button, keyed by their Entra object id, and withdraws it with the next one', async () => {
    const bot = await withAma();
    const list = dialogCard((await bot.send(taskInvoke('task/submit', MEGAN, sendText('Which runner images are supported?')))).invoke);
    const [item] = await items(bot);
    const [upvote] = voteButtons(list);
    expect(upvote).toEqual({ title: '△ Upvote · 0', data: { verb: 'ritualVote', ...at, itemId: item.id, up: true } });

    const voted = dialogCard((await bot.send(taskInvoke('task/submit', ADELE, upvote.data))).invoke);
    expect((await items(bot))[0].voterIds).toEqual([ADELE.aadObjectId]);
    const [withdraw] = voteButtons(voted);
    expect(withdraw).toEqual({ title: '▲ Voted · 1', data: { verb: 'ritualVote', ...at, itemId: item.id, up: false } });

    const withdrawn = dialogCard((await bot.send(taskInvoke('task/submit', ADELE, withdraw.data))).invoke);
    expect(voteButtons(withdrawn)).toEqual([upvote]);
    expect((await items(bot))[0].voterIds).toEqual([]);
  });

  it('counts a vote once when the same press reaches it twice (a retry, a double click)', async () => {
    const bot = await withAma();
    const list = dialogCard((await bot.send(taskInvoke('task/submit', MEGAN, sendText('Which runner images are supported?')))).invoke);
    const pressed = taskInvoke('task/submit', ADELE, voteButtons(list)[0].data);

    const first = await bot.send(pressed);
    const again = await bot.send(pressed);

    expect(again.invoke).toEqual(first.invoke);
    expect((await items(bot))[0].voterIds).toEqual([ADELE.aadObjectId]);
  });

  it('flips the vote for a button on a card sent before buttons said which way they vote', async () => {
    const bot = await withAma();
    await bot.send(taskInvoke('task/submit', MEGAN, sendText('Which runner images are supported?')));
    const [item] = await items(bot);
    const older = { verb: 'ritualVote', ...at, itemId: item.id };

    await bot.send(taskInvoke('task/submit', ADELE, older));
    expect((await items(bot))[0].voterIds).toEqual([ADELE.aadObjectId]);
    await bot.send(taskInvoke('task/submit', ADELE, older));
    expect((await items(bot))[0].voterIds).toEqual([]);
  });

  it('keeps the form open with what was typed when the question is empty or too long, and adds nothing', async () => {
    const bot = await withAma();

    const empty = dialogCard((await bot.send(taskInvoke('task/submit', MEGAN, sendText('   ')))).invoke);
    expect(textOf(empty.body)).toContain('Write something first.');
    const long = 'q'.repeat(RITUAL_LIMITS.itemMaxLength + 5);
    const tooLong = dialogCard((await bot.send(taskInvoke('task/submit', MEGAN, sendText(long)))).invoke);
    expect(textOf(tooLong.body)).toContain(`Keep it to ${RITUAL_LIMITS.itemMaxLength} characters.`);
    expect(input(tooLong, 'text')?.value).toBe('q'.repeat(RITUAL_LIMITS.itemMaxLength));
    expect(tooLong.actions![0].title).toBe('Send');
    expect(await items(bot)).toEqual([]);
  });

  it('says what is gone when a button names a ritual, session or entry that is not there', async () => {
    const bot = await withAma();
    const gone = async (name: 'task/fetch' | 'task/submit', data: Record<string, unknown>) =>
      (await bot.send(taskInvoke(name, MEGAN, data))).invoke;

    expect(await gone('task/fetch', { ...openForm, ritualId: 'deleted-ritual' })).toEqual(
      problemAnswer('That ritual is no longer in this community. A manager may have deleted it.'),
    );
    expect(await gone('task/fetch', { ...openForm, occurrenceId: '2026-11-10T16:01:00.000Z' })).toEqual(
      problemAnswer('That session is no longer on the ritual’s schedule. It may have been moved or cancelled.'),
    );
    expect(await gone('task/submit', { verb: 'ritualVote', ...at, itemId: 'removed-item' })).toEqual(
      problemAnswer('That entry is no longer in this session. Its author or a manager may have removed it.'),
    );
    expect(await gone('task/submit', { verb: 'ritualVote', ...at })).toEqual(
      problemAnswer('That entry is no longer in this session. Its author or a manager may have removed it.'),
    );
  });

  it('says someone else changed the entry when every try of a vote loses the race, and counts no vote', async () => {
    const bot = await withAma();
    await bot.send(taskInvoke('task/submit', MEGAN, sendText('How do we cache builds?')));
    const [item] = await items(bot);
    const repository = bot.ports.ritualItems;
    const replace = repository.replace.bind(repository);
    let others = 0;
    // Before each write, someone else's vote lands first: the write names a version that is gone.
    repository.replace = async (next) => {
      const current = (await repository.get(COMMUNITY, AMA.id, OCCURRENCE, item.id))!;
      await replace({ ...current, voterIds: [...current.voterIds, `someone-${++others}`] });
      return replace(next);
    };

    const { invoke } = await bot.send(taskInvoke('task/submit', ADELE, { verb: 'ritualVote', ...at, itemId: item.id }));

    expect(invoke).toEqual(
      problemAnswer('Someone else changed this entry at the same time, so nothing was saved. Close this and try again.'),
    );
    expect((await items(bot))[0].voterIds).not.toContain(ADELE.aadObjectId);
  });
});

describe('ritual card buttons where no dialog opens, and the rituals command', () => {
  it('answers a button pressed as a plain submit (as the Playground sends it) with the session’s card', async () => {
    const bot = await withAma();
    await bot.send(taskInvoke('task/submit', MEGAN, sendText('How do we cache builds?')));
    const pressed = { ...channelMessage({ id: '1730540000000', from: ADELE, text: '' }), value: { verb: 'ritualItems', ...at } };
    delete (pressed as Record<string, unknown>).text;

    const { invoke, sent } = await bot.send(pressed);

    expect(invoke).toBeUndefined();
    expect(sent).toHaveLength(1);
    const card = sent[0].attachments![0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(card.content)).toEqual([]);
    expect(textOf(card.content)).toContain('Platform AMA');
    expect(textOf(card.content)).toContain('How do we cache builds?');
  });

  it('answers "rituals" addressed to it in the channel with the community’s upcoming rituals', async () => {
    const bot = await withAma();
    const asked = {
      ...channelMessage({ id: '1730540100000', from: MEGAN, text: '<at>Commonplace</at> rituals' }),
      entities: [{ type: 'mention', mentioned: BOT, text: '<at>Commonplace</at>' }],
    };

    const { sent } = await bot.send(asked);

    expect(sent).toHaveLength(1);
    const card = sent[0].attachments![0].content;
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('Coming up in this community');
    expect(textOf(card)).toContain('Platform AMA');
  });
});
