import { ADA, GRACE, LINUS, fixedClock, message } from '../../../../test-support/builders';
import { MemoryCommunityRepository } from '../../../../test-support/memory/memoryCommunityRepository';
import { MemoryQuestionFigureRepository, MemoryQuestionRepository } from '../../../../test-support/memory/memoryQuestionRepository';
import { memoryTeamDirectory } from '../../../../test-support/memory/memoryTeamDirectory';
import { MemoryThreadRepository } from '../../../../test-support/memory/memoryThreadRepository';
import { communityId, type CommunityRef } from '../communities/community';
import { defaultProfile } from '../communities/communityProfile';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import type { Person } from '../shared/person';
import { percentileMinutes } from './questionFigures';
import {
  decideQuestion,
  forgetChannelMessage,
  markAnswer,
  trackChannelMessage,
  type ChannelMessageEvent,
  type QuestionActor,
} from './trackQuestions';

const REF: CommunityRef = {
  scope: 'channel',
  tenantId: 'tenant',
  teamId: '19:team@thread.tacv2',
  conversationId: '19:general@thread.tacv2',
};
const COMMUNITY = communityId(REF);
const ROOT = '1730538000000';
const WEEK = '2026-11-02';
const OWNER: Person = { id: 'aad-owner', name: 'Olive Owner' };
const BOT: Person = { id: '28:other-bot', name: 'Build bot' };

function ports() {
  const threads = new MemoryThreadRepository();
  return {
    questions: new MemoryQuestionRepository(),
    questionFigures: new MemoryQuestionFigureRepository(),
    threads,
    clock: fixedClock('2026-11-02T09:00:00.000Z'),
    communities: new MemoryCommunityRepository(),
    directory: memoryTeamDirectory({
      [REF.teamId!]: { [OWNER.id]: 'owner', [ADA.id]: 'member', [GRACE.id]: 'member', [LINUS.id]: 'member' },
    }),
  };
}
type Ports = ReturnType<typeof ports>;

function post(overrides: Partial<ChannelMessageEvent> = {}): ChannelMessageEvent {
  return {
    communityId: COMMUNITY,
    messageId: ROOT,
    threadRootId: ROOT,
    author: ADA,
    authorIsBot: false,
    sentAt: '2026-11-02T08:00:00.000Z',
    text: 'How do I rotate the Terraform state storage keys?',
    kind: 'post',
    at: '2026-11-02T08:00:00.000Z',
    ...overrides,
  };
}

function reply(id: string, author: Person, sentAt: string, text = 'Use a remote backend with locking.'): ChannelMessageEvent {
  return post({ messageId: id, author, sentAt, at: sentAt, text });
}

/** The reply as the thread store keeps it, as thread capture does before tracking runs. */
async function keptReply(p: Ports, event: ChannelMessageEvent): Promise<void> {
  await p.threads.save({
    ...message({ messageId: event.messageId, author: event.author, sentAt: event.sentAt, text: event.text }),
    communityId: COMMUNITY,
    threadRootId: event.threadRootId,
    expiresAt: '2026-12-02T08:00:00.000Z',
  });
}

const week = (p: Ports) => p.questionFigures.getWeek(COMMUNITY, WEEK);
const actor = (person: Person): QuestionActor => ({ community: REF, person });
const acted = (id: string, author: Person, sentAt: string, text = 'Here is how') => ({
  messageId: id,
  threadRootId: ROOT,
  author,
  sentAt,
  text,
});

describe('tracking a channel’s questions', () => {
  it('tracks a root post that asks, with its asker, time and terms (never its text), and counts it as waiting', async () => {
    const p = ports();
    const question = await trackChannelMessage(post(), p);
    expect(question).toMatchObject({
      asker: ADA,
      askedAt: '2026-11-02T08:00:00.000Z',
      tracked: true,
      terms: ['rotate', 'terraform', 'state', 'storage', 'keys'],
      figuresPending: false,
      countedWeek: WEEK,
    });
    expect(JSON.stringify(question)).not.toContain('How do I');
    expect(await week(p)).toMatchObject({ asked: 1, waiting: 1, withoutResponse: 1, answered: 0, escalated: [0, 0, 0] });
  });

  it('stores nothing for a post that does not ask, a reply to an unknown root, or a bot’s post', async () => {
    const p = ports();
    expect(await trackChannelMessage(post({ text: 'Deploys are green again.' }), p)).toBeUndefined();
    expect(await trackChannelMessage(reply('r1', GRACE, '2026-11-02T08:10:00.000Z'), p)).toBeUndefined();
    expect(await trackChannelMessage(post({ messageId: 'b1', threadRootId: 'b1', author: BOT }), p)).toBeUndefined();
    expect(await trackChannelMessage(post({ messageId: 'b2', threadRootId: 'b2', authorIsBot: true }), p)).toBeUndefined();
    for (const id of [ROOT, 'b1', 'b2']) expect(await p.questions.get(COMMUNITY, id)).toBeUndefined();
    expect(await week(p)).toBeUndefined();
  });

  it('takes the first reply by someone else, not the asker’s nor a bot’s, and the earliest when replies come out of order', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await trackChannelMessage(reply('r0', ADA, '2026-11-02T08:05:00.000Z', 'Anyone?'), p);
    await trackChannelMessage(reply('rb', BOT, '2026-11-02T08:06:00.000Z'), p);
    await trackChannelMessage(reply('r2', LINUS, '2026-11-02T09:00:00.000Z'), p);
    await trackChannelMessage(reply('r1', GRACE, '2026-11-02T08:30:00.000Z'), p);
    const question = await p.questions.get(COMMUNITY, ROOT);
    expect(question?.firstResponse).toEqual({ by: GRACE, messageId: 'r1', at: '2026-11-02T08:30:00.000Z' });
    const figures = await week(p);
    expect(figures).toMatchObject({ asked: 1, waiting: 1, withoutResponse: 0 });
    expect(percentileMinutes(figures!.firstResponseBuckets, 0.5)).toBe(30);
  });

  it('finds a reply that came before its root when the root arrives', async () => {
    const p = ports();
    const early = reply('r1', GRACE, '2026-11-02T08:20:00.000Z');
    await keptReply(p, early);
    expect(await trackChannelMessage(early, p)).toBeUndefined();
    const question = await trackChannelMessage(post(), p);
    expect(question?.firstResponse).toEqual({ by: GRACE, messageId: 'r1', at: '2026-11-02T08:20:00.000Z' });
  });

  it('changes nothing when Teams delivers the same messages again, one after another or at once', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await trackChannelMessage(reply('r1', GRACE, '2026-11-02T08:30:00.000Z'), p);
    const before = await p.questions.get(COMMUNITY, ROOT);
    const figures = await week(p);
    await Promise.all([post(), post(), reply('r1', GRACE, '2026-11-02T08:30:00.000Z')].map((e) => trackChannelMessage(e, p)));
    expect(await p.questions.get(COMMUNITY, ROOT)).toEqual(before);
    expect(await week(p)).toEqual(figures);

    const fresh = ports();
    await Promise.all([post(), post(), post()].map((e) => trackChannelMessage(e, fresh)));
    expect(await week(fresh)).toMatchObject({ asked: 1, waiting: 1 });
  });

  it('re-judges an edited post, and keeps an edit that came before its original', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await trackChannelMessage(post({ kind: 'edit', at: '2026-11-02T08:10:00.000Z', text: 'Rotated the keys, all good.' }), p);
    expect(await p.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false, terms: [] });
    expect(await week(p)).toMatchObject({ asked: 0, waiting: 0 });
    await trackChannelMessage(post({ kind: 'edit', at: '2026-11-02T08:20:00.000Z', text: 'Why does key rotation break the pipeline' }), p);
    expect(await p.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: true, terms: ['key', 'rotation', 'break', 'pipeline'] });
    expect(await week(p)).toMatchObject({ asked: 1 });

    const late = ports();
    await trackChannelMessage(post({ kind: 'edit', at: '2026-11-02T08:10:00.000Z', text: 'Rotated the keys, all good.' }), late);
    await trackChannelMessage(post(), late);
    expect(await late.questions.get(COMMUNITY, ROOT)).toMatchObject({
      tracked: false,
      contentFrom: 'edit',
      askedAt: '2026-11-02T08:00:00.000Z',
    });
    expect((await week(late))?.asked ?? 0).toBe(0);
    // An older edit arriving after a newer one does not replace it either.
    await trackChannelMessage(post({ kind: 'edit', at: '2026-11-02T08:05:00.000Z', text: 'How do I rotate keys?' }), late);
    expect(await late.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false });
  });

  it('stops tracking a deleted question, even when its post arrives after the deletion', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await forgetChannelMessage({ communityId: COMMUNITY, threadRootId: ROOT, messageId: ROOT }, p);
    const { version: _version, ...marker } = (await p.questions.get(COMMUNITY, ROOT))!;
    expect(marker).toEqual({
      communityId: COMMUNITY,
      messageId: ROOT,
      tracked: false,
      terms: [],
      escalatedSteps: 0,
      deletedAt: '2026-11-02T09:00:00.000Z',
      figuresPending: false,
    });
    expect(await week(p)).toMatchObject({ asked: 0, waiting: 0 });
    await trackChannelMessage(post(), p);
    await trackChannelMessage(post({ kind: 'edit', at: '2026-11-02T09:30:00.000Z' }), p);
    expect(await p.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false });

    const early = ports();
    await forgetChannelMessage({ communityId: COMMUNITY, threadRootId: ROOT, messageId: ROOT }, early);
    await trackChannelMessage(post(), early);
    expect((await early.questions.get(COMMUNITY, ROOT))?.tracked).toBe(false);
    expect(await forgetChannelMessage({ communityId: COMMUNITY, threadRootId: 'unknown', messageId: 'reply' }, early)).toBeUndefined();
    expect(await early.questions.get(COMMUNITY, 'unknown')).toBeUndefined();
  });

  it('finishes the figures a failed attempt left pending when Teams retries the message', async () => {
    const p = ports();
    const saveWeek = p.questionFigures.saveWeek.bind(p.questionFigures);
    jest.spyOn(p.questionFigures, 'saveWeek').mockRejectedValueOnce(new Error('storage went away'));
    await expect(trackChannelMessage(post(), p)).rejects.toThrow('storage went away');
    expect(await p.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: true, figuresPending: true });
    expect(await week(p)).toBeUndefined();
    p.questionFigures.saveWeek = saveWeek;
    await trackChannelMessage(post(), p);
    expect(await p.questions.get(COMMUNITY, ROOT)).toMatchObject({ figuresPending: false });
    expect(await week(p)).toMatchObject({ asked: 1 });
  });
});

describe('deciding about a question', () => {
  it('lets the asker track what the rule missed, with terms, and a reply kept earlier as its first response', async () => {
    const p = ports();
    await keptReply(p, reply('r1', GRACE, '2026-11-02T08:40:00.000Z'));
    const question = await decideQuestion(
      { actor: actor(ADA), message: acted(ROOT, ADA, '2026-11-02T08:00:00.000Z', 'Terraform state locking with blobs'), track: true },
      p,
    );
    expect(question).toMatchObject({
      tracked: true,
      explicit: { by: ADA, at: '2026-11-02T09:00:00.000Z' },
      terms: ['terraform', 'state', 'locking', 'blobs'],
      firstResponse: { by: GRACE, messageId: 'r1' },
    });
    expect(await week(p)).toMatchObject({ asked: 1, withoutResponse: 0 });
  });

  it('keeps a manager’s "Not a question" whatever later edits say', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await decideQuestion({ actor: actor(OWNER), message: acted(ROOT, ADA, '2026-11-02T08:00:00.000Z'), track: false }, p);
    await trackChannelMessage(post({ kind: 'edit', at: '2026-11-02T09:10:00.000Z', text: 'How do I really rotate keys?' }), p);
    expect(await p.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false, explicit: { by: OWNER } });
    expect(await week(p)).toMatchObject({ asked: 0 });
  });

  it('lets a manager named on the community decide too, and refuses other members', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await expect(
      decideQuestion({ actor: actor(GRACE), message: acted(ROOT, ADA, '2026-11-02T08:00:00.000Z'), track: false }, p),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await p.communities.save({ ...defaultProfile(COMMUNITY), managers: [GRACE] });
    await expect(
      decideQuestion({ actor: actor(GRACE), message: acted(ROOT, ADA, '2026-11-02T08:00:00.000Z'), track: false }, p),
    ).resolves.toMatchObject({ tracked: false });
  });

  it('refuses a reply, a bot’s post, and a deleted post', async () => {
    const p = ports();
    await expect(
      decideQuestion({ actor: actor(ADA), message: acted('r1', ADA, '2026-11-02T08:00:00.000Z'), track: true }, p),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      decideQuestion({ actor: actor(OWNER), message: { ...acted(ROOT, BOT, '2026-11-02T08:00:00.000Z') }, track: true }, p),
    ).rejects.toBeInstanceOf(ValidationError);
    await forgetChannelMessage({ communityId: COMMUNITY, threadRootId: ROOT, messageId: ROOT }, p);
    await expect(
      decideQuestion({ actor: actor(ADA), message: acted(ROOT, ADA, '2026-11-02T08:00:00.000Z'), track: true }, p),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await p.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false });
  });
});

describe('marking the answer', () => {
  it('records who answered and when, counts it answered within a day, and takes the mark back', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await trackChannelMessage(reply('r1', GRACE, '2026-11-02T08:30:00.000Z'), p);
    await trackChannelMessage(reply('r2', LINUS, '2026-11-02T10:00:00.000Z'), p);
    p.clock.set('2026-11-02T11:00:00.000Z');
    const marked = await markAnswer({ actor: actor(ADA), reply: acted('r2', LINUS, '2026-11-02T10:00:00.000Z'), mark: true }, p);
    expect(marked.answer).toEqual({
      messageId: 'r2',
      by: LINUS,
      at: '2026-11-02T10:00:00.000Z',
      markedBy: ADA,
      markedAt: '2026-11-02T11:00:00.000Z',
    });
    expect(marked.firstResponse).toMatchObject({ by: GRACE });
    const figures = await week(p);
    expect(figures).toMatchObject({ asked: 1, answered: 1, answeredWithinDay: 1, waiting: 0 });
    expect(percentileMinutes(figures!.answerBuckets, 0.9)).toBe(120);

    // Marked again (a retried invoke) changes nothing; unmarking another reply neither.
    expect(await markAnswer({ actor: actor(ADA), reply: acted('r2', LINUS, '2026-11-02T10:00:00.000Z'), mark: true }, p)).toEqual(
      await p.questions.get(COMMUNITY, ROOT),
    );
    await markAnswer({ actor: actor(ADA), reply: acted('r1', GRACE, '2026-11-02T08:30:00.000Z'), mark: false }, p);
    expect((await p.questions.get(COMMUNITY, ROOT))?.answer?.messageId).toBe('r2');

    const unmarked = await markAnswer({ actor: actor(OWNER), reply: acted('r2', LINUS, '2026-11-02T10:00:00.000Z'), mark: false }, p);
    expect(unmarked.answer).toBeUndefined();
    expect(await week(p)).toMatchObject({ answered: 0, answeredWithinDay: 0, waiting: 1 });
  });

  it('counts an answer after more than a day as answered, not within a day', async () => {
    const p = ports();
    await trackChannelMessage(post(), p);
    await markAnswer({ actor: actor(ADA), reply: acted('r1', GRACE, '2026-11-04T08:00:00.000Z'), mark: true }, p);
    expect(await week(p)).toMatchObject({ answered: 1, answeredWithinDay: 0 });
    expect((await p.questions.get(COMMUNITY, ROOT))?.firstResponse).toMatchObject({ by: GRACE, messageId: 'r1' });
  });

  it('forgets the mark when the marked reply is deleted, and refuses others, root posts and untracked threads', async () => {
    const p = ports();
    await expect(
      markAnswer({ actor: actor(ADA), reply: acted('r1', GRACE, '2026-11-02T08:30:00.000Z'), mark: true }, p),
    ).rejects.toBeInstanceOf(NotFoundError);
    await trackChannelMessage(post(), p);
    await expect(
      markAnswer({ actor: actor(LINUS), reply: acted('r1', GRACE, '2026-11-02T08:30:00.000Z'), mark: true }, p),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      markAnswer({ actor: actor(ADA), reply: acted(ROOT, ADA, '2026-11-02T08:00:00.000Z'), mark: true }, p),
    ).rejects.toBeInstanceOf(ValidationError);
    await markAnswer({ actor: actor(ADA), reply: acted('r1', GRACE, '2026-11-02T08:30:00.000Z'), mark: true }, p);
    await forgetChannelMessage({ communityId: COMMUNITY, threadRootId: ROOT, messageId: 'r1' }, p);
    const question = await p.questions.get(COMMUNITY, ROOT);
    expect(question?.answer).toBeUndefined();
    expect(question?.firstResponse).toBeUndefined();
    expect(await week(p)).toMatchObject({ answered: 0, waiting: 1, withoutResponse: 1 });
  });
});
