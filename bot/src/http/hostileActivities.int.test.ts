import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { openTables, type Tables } from '../storage/tables';
import { channelInvoke, messagePayload, type TeamsChannel, type TeamsUser } from '../../../test-support/activities';
import { postActivity, type JsonAnswer } from '../../../test-support/http';
import { testConfig, testStorage, waitHealthy } from '../../../test-support/storage';

/*
 * Activities Teams would never send, posted to /api/messages over real HTTP as Teams posts
 * them, on a real Azurite: each is refused (a 400, or a dialog saying what is wrong), never
 * a 500, a storage outage or a "Saved", and nothing is stored.
 */

const CHANNEL: TeamsChannel = { tenantId: 'tenant-hostile', teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2' };
const MEGAN: TeamsUser = { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' };
const SERVICE_URL = 'http://127.0.0.1:9/';

function saveInvoke(
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  channel: TeamsChannel,
  from: TeamsUser,
  data?: Record<string, unknown>,
) {
  return channelInvoke({
    name,
    channel,
    from,
    serviceUrl: SERVICE_URL,
    threadId: '1700000000001',
    value: {
      commandId: 'saveToCommunity',
      commandContext: 'message',
      messagePayload: messagePayload({ id: '1700000000001', from: MEGAN, html: '<p>Rotate the secrets monthly.</p>' }),
      ...(data ? { data } : {}),
    },
  });
}

const SAVE = {
  action: 'save',
  submissionId: '11111111-1111-4111-8111-111111111111',
  title: 'Rotate secrets',
  summary: '',
  kind: 'how-to',
  newTags: '',
  replyIds: '',
};

/** What a dialog answer shows, as one string. */
const shown = (answer: JsonAnswer) => JSON.stringify(answer.body?.task?.value?.card?.content ?? answer.body);

describe('hostile activities on /api/messages', () => {
  let service: RunningService;
  let tables: Tables;

  /**
   * Rows stored under a hostile id (whatever escaping they went through), and cards saved
   * at all: the only channel these tests name well is never saved to.
   */
  async function storedFromHostileInput(): Promise<string[]> {
    const found: string[] = [];
    for (const table of [tables.cards, tables.recent, tables.threads, tables.teams, tables.contributions]) {
      for await (const row of table.listEntities()) {
        const keys = `${row.partitionKey} ${row.rowKey}`;
        const isCard = table === tables.cards && !row.partitionKey!.startsWith('~');
        if (isCard || /[\ud800-\udfff\u0000-\u001f]|%0[01]|%1/.test(keys) || keys.includes('hostile-\ufffd')) found.push(keys);
      }
    }
    return found;
  }

  beforeAll(async () => {
    const config = testConfig();
    tables = openTables(testStorage(), config.tablePrefix);
    service = await startService(config, { log: silentLogger });
    await waitHealthy(service.url);
  });

  afterAll(() => service.close());

  it('refuses a save whose tenant, team, channel or sender id is not one Teams gives, with a dialog, and stores nothing', async () => {
    const cases: [string, TeamsChannel, TeamsUser][] = [
      ['tenant with a lone surrogate', { ...CHANNEL, tenantId: 'tenant-\ud800' }, MEGAN],
      ['channel with a lone surrogate', { ...CHANNEL, channelId: '19:general\udc00@thread.tacv2' }, MEGAN],
      ['team with a control character', { ...CHANNEL, teamId: '19:team\u0001@thread.tacv2' }, MEGAN],
      ['sender with a lone surrogate', CHANNEL, { ...MEGAN, aadObjectId: 'aad-\ud800' }],
    ];
    for (const [what, channel, from] of cases) {
      // Opening the dialog reads only the conversation's ids; saving also stores the sender's.
      const opened = from === MEGAN ? [await postActivity(service, saveInvoke('composeExtension/fetchTask', channel, from))] : [];
      for (const answer of [...opened, await postActivity(service, saveInvoke('composeExtension/submitAction', channel, from, SAVE))]) {
        expect({ what, status: answer.status }).toEqual({ what, status: 200 });
        expect({ what, shown: shown(answer) }).toEqual({
          what,
          shown: expect.stringContaining('Teams sent this request with ids Commonplace cannot read, so nothing was saved.'),
        });
        expect(shown(answer)).not.toMatch(/Saved to the community|cannot reach its storage|went wrong/);
      }
    }
    expect(await storedFromHostileInput()).toEqual([]);
  });

  it('answers 400 to an activity whose serviceUrl or invoke name is not a string', async () => {
    const invoke = saveInvoke('composeExtension/fetchTask', CHANNEL, MEGAN);
    const message = { ...invoke, type: 'message', name: undefined, value: undefined, text: 'hello' };
    const broken: [string, Record<string, unknown>][] = [
      ['invoke with a numeric serviceUrl', { ...invoke, serviceUrl: 42 }],
      ['invoke with an object serviceUrl', { ...invoke, serviceUrl: { href: SERVICE_URL } }],
      ['invoke with a numeric name', { ...invoke, name: 42 }],
      ['invoke with a list for a name', { ...invoke, name: ['composeExtension/fetchTask'] }],
      ['message with a numeric serviceUrl', { ...message, serviceUrl: 5 }],
      ['message with a string for its conversation', { ...message, conversation: 'x' }],
    ];
    for (const [what, activity] of broken) {
      const answer = await postActivity(service, activity);
      expect({ what, status: answer.status }).toEqual({ what, status: 400 });
      expect(answer.contentType).toContain('application/problem+json');
    }
    expect(await storedFromHostileInput()).toEqual([]);
  });

  it('keeps nothing from a channel message whose ids are not ones Teams gives, and does not fail', async () => {
    const message = {
      type: 'message',
      id: '1700000000002',
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      from: { id: MEGAN.id, name: MEGAN.name, aadObjectId: MEGAN.aadObjectId },
      recipient: { id: '28:bot', name: 'Commonplace' },
      conversation: {
        id: `${CHANNEL.channelId};messageid=1700000000001`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: 'tenant-\ud800',
      },
      channelData: { tenant: { id: 'tenant-\ud800' }, team: { id: CHANNEL.teamId }, channel: { id: CHANNEL.channelId } },
      text: 'Use short-lived tokens',
    };
    const answer = await postActivity(service, message);
    expect(answer.status).toBeLessThan(500);
    expect(await storedFromHostileInput()).toEqual([]);
  });
});
