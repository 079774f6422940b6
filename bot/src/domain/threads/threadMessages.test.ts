import { ADA, fixedClock, message } from '../../../../test-support/builders';
import { MemoryThreadRepository } from '../../../../test-support/memory/memoryThreadRepository';
import { forgetThreadMessage, keepThreadMessage, purgeExpiredThreadMessages } from './threadMessages';

const COMMUNITY = 't|channel|team|chan';

function threadPorts(now = '2026-11-02T09:00:00.000Z') {
  return { threads: new MemoryThreadRepository(), clock: fixedClock(now) };
}

describe('thread messages', () => {
  it('keeps a message for the retention window counted from when it was written, an edit included', async () => {
    const ports = threadPorts();
    const sent = message({ messageId: 'm1', author: ADA, sentAt: '2026-11-01T10:00:00.000Z' });
    await keepThreadMessage({ communityId: COMMUNITY, threadRootId: 'root', message: sent, retentionDays: 30 }, ports);
    ports.clock.set('2026-11-20T00:00:00.000Z');
    await keepThreadMessage(
      { communityId: COMMUNITY, threadRootId: 'root', message: { ...sent, text: 'edited' }, retentionDays: 30 },
      ports,
    );
    const [kept] = await ports.threads.list(COMMUNITY, 'root', ports.clock.now());
    expect(kept).toMatchObject({ messageId: 'm1', text: 'edited', expiresAt: '2026-12-01T10:00:00.000Z' });
  });

  it('does not keep a message already past the window', async () => {
    const ports = threadPorts('2026-12-05T00:00:00.000Z');
    const old = message({ messageId: 'old', sentAt: '2026-11-01T10:00:00.000Z' });
    await keepThreadMessage({ communityId: COMMUNITY, threadRootId: 'root', message: old, retentionDays: 30 }, ports);
    expect(await ports.threads.list(COMMUNITY, 'root', new Date('2026-11-02T00:00:00.000Z'))).toEqual([]);
  });

  it('counts the window from now for a message whose time does not read', async () => {
    const ports = threadPorts();
    await keepThreadMessage(
      { communityId: COMMUNITY, threadRootId: 'root', message: message({ messageId: 'm', sentAt: 'garbled' }), retentionDays: 7 },
      ports,
    );
    expect((await ports.threads.list(COMMUNITY, 'root', ports.clock.now()))[0].expiresAt).toBe('2026-11-09T09:00:00.000Z');
  });

  it('forgets a deleted message, and purges what expired', async () => {
    const ports = threadPorts();
    for (const [id, sentAt] of [
      ['a', '2026-11-01T10:00:00.000Z'],
      ['b', '2026-11-01T11:00:00.000Z'],
      ['c', '2026-11-02T08:00:00.000Z'],
    ]) {
      await keepThreadMessage(
        { communityId: COMMUNITY, threadRootId: 'root', message: message({ messageId: id, sentAt }), retentionDays: 30 },
        ports,
      );
    }
    await forgetThreadMessage({ communityId: COMMUNITY, threadRootId: 'root', messageId: 'a' }, ports);
    ports.clock.set('2026-12-01T12:00:00.000Z');
    expect(await purgeExpiredThreadMessages(ports)).toBe(1);
    expect((await ports.threads.list(COMMUNITY, 'root', new Date('2026-11-05T00:00:00.000Z'))).map((m) => m.messageId)).toEqual(['c']);
  });
});
