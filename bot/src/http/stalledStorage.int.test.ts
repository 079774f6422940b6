import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../config/config';
import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { API_ROUTES } from '../api/contract';
import { channelInvoke, messagePayload } from '../../../test-support/activities';
import { testConfig, waitHealthy } from '../../../test-support/storage';

/*
 * Storage that stalls: it accepts connections and never answers, after the service has
 * been using it. Teams gives a bot five
 * seconds, so every request (and the health probe) must answer within that, saying to try
 * again, with the service's own storage timeouts (the production defaults). Each call below
 * gives up after those five seconds, as Teams does: a stalled answer fails the test.
 */

const TEAMS_BUDGET_MS = 5_000;

/**
 * A TCP proxy in front of the test's Azurite that, once told to stall, drops the
 * connections it has and accepts new ones without ever answering on them.
 */
async function startStallingProxy(upstreamPort: number): Promise<{ port: number; stall(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let stalled = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server: Server = createServer((client) => {
    track(client);
    if (stalled) return;
    const upstream = connect(upstreamPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stall: () => {
      stalled = true;
      for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Calls the service as Teams (or the tab) would, giving up after Teams' budget. */
async function within(service: RunningService, path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${service.url}${path}`, { ...init, signal: AbortSignal.timeout(TEAMS_BUDGET_MS) });
  return { status: response.status, text: await response.text() };
}

describe('storage that accepts connections and never answers', () => {
  let storage: Awaited<ReturnType<typeof startStallingProxy>>;
  let service: RunningService;

  beforeAll(async () => {
    storage = await startStallingProxy(Number(process.env.TEST_AZURITE_PORT));
    service = await startService(
      testConfig({ storage: { kind: 'connectionString', connectionString: azuriteConnectionString(storage.port) } }),
      { log: silentLogger },
    );
    // Healthy first: storage stalls under a service that was using it.
    await waitHealthy(service.url);
    storage.stall();
  });

  afterAll(async () => {
    await service.close();
    await storage.close();
  });

  it('answers the health probe "unhealthy" within Teams’ budget', async () => {
    const probe = await within(service, '/healthz');
    expect(probe.status).toBe(503);
    expect(JSON.parse(probe.text)).toEqual({ status: 'storage unreachable' });
  });

  it('answers an API request 503 "try again" within Teams’ budget', async () => {
    const answer = await within(service, `${API_ROUTES.resolveCommunity}?teamId=team-id&channelId=team-id`);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text)).toMatchObject({
      title: 'Temporarily unavailable',
      detail: expect.stringContaining('Try again in a moment'),
    });
  });

  it('answers a "Save to community" dialog with "try again" within Teams’ budget', async () => {
    const activity = channelInvoke({
      name: 'composeExtension/fetchTask',
      channel: { tenantId: 'tenant-stall', teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2' },
      from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' },
      serviceUrl: 'http://127.0.0.1:9/',
      threadId: '1700000000001',
      value: {
        commandId: 'saveToCommunity',
        commandContext: 'message',
        messagePayload: messagePayload({
          id: '1700000000001',
          from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' },
          html: '<p>Rotate the secrets.</p>',
        }),
      },
    });
    const answer = await within(service, '/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Commonplace cannot reach its storage right now. Nothing was saved; please try again in a minute.');
  });
});
