import { randomUUID } from 'node:crypto';
import { postActivity } from '../../test-support/http';
import { azuriteConnectionString } from './config/config';
import { silentLogger } from './logging';
import { startService, type RunningService } from './service';
import { findFreePort } from '../../scripts/local/processes';
import { startAzurite } from '../../scripts/local/stack';
import { channelInvoke, messagePayload, type TeamsChannel } from '../../test-support/activities';
import { testConfig, waitHealthy } from '../../test-support/storage';

/* The bot service over real HTTP on a real Azurite: health, storage outages, thread capture. */

const CHANNEL: TeamsChannel = { tenantId: 'tenant-int', teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2' };
const MEGAN = { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' };
const ADELE = { id: '29:adele', name: 'Adele Vance', aadObjectId: 'aad-adele' };

/** Posts an activity as Teams does (see test-support/http). */
const post = (service: RunningService, activity: Record<string, unknown>) => postActivity(service, activity);

function channelMessage(
  type: string,
  id: string,
  threadId: string,
  from: typeof MEGAN,
  text: string,
  eventType?: string,
): Record<string, unknown> {
  return {
    type,
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from,
    recipient: { id: '28:bot', name: 'Commonplace' },
    conversation: {
      id: `${CHANNEL.channelId};messageid=${threadId}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: CHANNEL.tenantId,
    },
    channelData: {
      tenant: { id: CHANNEL.tenantId },
      team: { id: CHANNEL.teamId },
      channel: { id: CHANNEL.channelId },
      ...(eventType ? { eventType } : {}),
    },
    text,
    textFormat: 'plain',
  };
}

function openDialog(service: RunningService, threadId: string) {
  return post(
    service,
    channelInvoke({
      name: 'composeExtension/fetchTask',
      channel: CHANNEL,
      from: MEGAN,
      serviceUrl: 'http://127.0.0.1:9/',
      threadId,
      value: {
        commandId: 'saveToCommunity',
        commandContext: 'message',
        messagePayload: messagePayload({ id: threadId, replyToId: threadId, from: MEGAN, html: '<p>How do we rotate secrets?</p>' }),
      },
    }),
  );
}

function replyChoices(response: { body: any }): string[] {
  const find = (n: any): any =>
    Array.isArray(n)
      ? n.map(find).find(Boolean)
      : n && typeof n === 'object'
        ? n.id === 'replyIds'
          ? n
          : Object.values(n).map(find).find(Boolean)
        : undefined;
  return (find(response.body.task.value.card.content.body)?.choices ?? []).map((c: { title: string }) => c.title);
}

describe('bot service (Azurite)', () => {
  it('answers the health probe with 503 until storage is reachable, then 200', async () => {
    const port = await findFreePort();
    const service = await startService(
      testConfig({ storage: { kind: 'connectionString', connectionString: azuriteConnectionString(port) } }),
      { log: silentLogger },
    );
    let azurite: Awaited<ReturnType<typeof startAzurite>> | undefined;
    try {
      const before = await fetch(`${service.url}/healthz`);
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({ status: 'storage unreachable' });
      azurite = await startAzurite({ port, output: { kind: 'ignore' } });
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = (await fetch(`${service.url}/healthz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      await service.close();
      await azurite?.stop();
    }
  });

  it('tells a person storage is unreachable without a server error or an internal message', async () => {
    const port = await findFreePort();
    const service = await startService(
      testConfig({ storage: { kind: 'connectionString', connectionString: azuriteConnectionString(port) } }),
      { log: silentLogger },
    );
    try {
      const response = await openDialog(service, '1700000000001');
      expect(response.status).toBe(200);
      const shown = JSON.stringify(response.body.task.value.card.content.body);
      expect(shown).toContain('Commonplace cannot reach its storage right now. Nothing was saved; please try again in a minute.');
      expect(shown).not.toMatch(/ECONNREFUSED|RestError|Table storage/);
    } finally {
      await service.close();
    }
  });

  it('keeps channel thread messages, follows edits and deletions, and offers them for the thread', async () => {
    const service = await startService(testConfig(), { log: silentLogger });
    try {
      await waitHealthy(service.url);
      const thread = `17000${Date.now()}`;
      const reply1 = randomUUID();
      const reply2 = randomUUID();
      expect((await post(service, channelMessage('message', reply1, thread, ADELE, 'Use <b>short-lived</b> tokens'))).status).toBe(200);
      expect((await post(service, channelMessage('message', reply2, thread, MEGAN, 'Rotate monthly'))).status).toBe(200);
      expect(replyChoices(await openDialog(service, thread))).toEqual([
        'Adele Vance: Use short-lived tokens',
        'Megan Bowen: Rotate monthly',
      ]);

      await post(service, channelMessage('messageUpdate', reply1, thread, ADELE, 'Use short-lived tokens from the vault', 'editMessage'));
      await post(service, channelMessage('messageDelete', reply2, thread, MEGAN, '', 'softDeleteMessage'));
      expect(replyChoices(await openDialog(service, thread))).toEqual(['Adele Vance: Use short-lived tokens from the vault']);

      // Chats are not channel threads: nothing is kept from them.
      const chat = {
        ...channelMessage('message', randomUUID(), thread, ADELE, 'private words'),
        conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: CHANNEL.tenantId },
        channelData: { tenant: { id: CHANNEL.tenantId } },
      };
      expect((await post(service, chat)).status).toBe(200);
      expect(replyChoices(await openDialog(service, thread))).toEqual(['Adele Vance: Use short-lived tokens from the vault']);
    } finally {
      await service.close();
    }
  });
});
