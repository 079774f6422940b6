import { spawn } from 'node:child_process';
import path from 'node:path';
import { startService, type RunningService } from '../service';
import { memoryLogger } from '../../../test-support/schedulerFixtures';
import { testConfig, waitHealthy } from '../../../test-support/storage';
import { APPLICATION_ID_URI, CLIENT_ID, TENANT, startFakeEntra, type FakeEntra } from '../../../test-support/fakeEntra';
import { FRAME_ANCESTORS } from './securityHeaders';

/*
 * The service as App Service runs it: production mode, with bot authentication and
 * single sign-on, serving the built tab. Everything is checked on real HTTP answers.
 */

const ROOT = path.resolve(__dirname, '../../..');
const TAB_DIR = path.join(ROOT, 'test-support', 'fixtures', 'tab');
const BOT_ID = '0f6e9d8c-1b2a-4c3d-9e8f-7a6b5c4d3e2f';

describe('production mode', () => {
  let entra: FakeEntra;
  let service: RunningService;
  const log = memoryLogger();

  beforeAll(async () => {
    entra = await startFakeEntra();
    const config = testConfig({
      mode: 'production',
      developmentIdentity: false,
      botAuth: { appId: BOT_ID, password: 'not-a-real-secret', tenantId: TENANT, appType: 'SingleTenant' },
      sso: { clientId: CLIENT_ID, applicationIdUri: APPLICATION_ID_URI, allowedTenants: [TENANT], authorityHost: entra.authorityHost },
      tabDir: TAB_DIR,
      apiRateLimitPerMinute: 5,
      scheduler: { enabled: false, tickSeconds: 10, leaseSeconds: 60, tenantSendsPerSecond: 20 },
    });
    service = await startService(config, { log });
    await waitHealthy(service.url);
  });

  afterAll(async () => {
    await service?.close();
    await entra?.close();
  });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${service.url}${p}`, { headers });

  it('refuses API calls without a verified Teams token: the development identity does not exist here', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const answer = await get('/api/me', headers);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    // A token for another tenant is refused too.
    const outsider = await entra.sign({
      tid: 'bbbbbbbb-0000-4000-8000-000000000002',
      iss: entra.v2Issuer('bbbbbbbb-0000-4000-8000-000000000002'),
    });
    expect((await get('/api/me', { authorization: `Bearer ${outsider}` })).status).toBe(401);
    // The same request with Ada's token is answered: the refusals above were about identity.
    const me = await get('/api/me', { authorization: `Bearer ${await entra.sign({ oid: 'dddddddd-0000-4000-8000-00000000000d' })}` });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { development: boolean }).development).toBe(false);
  });

  it('refuses bot activities that carry no Bot Framework token', async () => {
    const activity = {
      type: 'message',
      id: 'a1',
      text: 'hello',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: 'u' },
      conversation: { id: 'c' },
      recipient: { id: `28:${BOT_ID}` },
    };
    const answer = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(answer.status).toBe(401);
  });

  it('frames the tab only inside Teams and Microsoft 365, and sends the security headers everywhere', async () => {
    const tab = await get('/');
    expect(tab.status).toBe(200);
    const csp = tab.headers.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ');
    expect(ancestors).toEqual([...FRAME_ANCESTORS]);
    expect(ancestors).not.toContain("'self'");
    expect(ancestors).not.toContain('*');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    const answers = {
      tab,
      asset: await get('/assets/app.js'),
      api: await get('/api/me'),
      health: await get('/healthz'),
      missing: await get('/no-such-page'),
    };
    expect(answers.asset.status).toBe(200);
    expect(answers.missing.status).toBe(404);
    for (const [name, answer] of Object.entries(answers)) {
      const headers = Object.fromEntries(answer.headers);
      expect({ name, nosniff: headers['x-content-type-options'] }).toEqual({ name, nosniff: 'nosniff' });
      expect({ name, referrer: headers['referrer-policy'] }).toEqual({ name, referrer: 'strict-origin-when-cross-origin' });
      expect({ name, hsts: headers['strict-transport-security'] }).toEqual({ name, hsts: 'max-age=31536000' });
      expect({ name, poweredBy: headers['x-powered-by'] }).toEqual({ name, poweredBy: undefined });
      expect({ name, csp: headers['content-security-policy'] }).toEqual({ name, csp: expect.stringContaining('frame-ancestors') });
    }
    // Data is never framed by anyone.
    expect(answers.api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('limits each person to the configured requests per minute, with Retry-After', async () => {
    const grace = await entra.sign({ oid: 'eeeeeeee-0000-4000-8000-00000000000e', name: 'Grace' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/api/me', { authorization: `Bearer ${grace}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await get('/api/me', { authorization: `Bearer ${grace}` });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/Try again in \d+ seconds?\./);
    // Someone else is not held back by Grace.
    const linus = await entra.sign({ oid: 'ffffffff-0000-4000-8000-00000000000f', name: 'Linus' });
    expect((await get('/api/me', { authorization: `Bearer ${linus}` })).status).toBe(200);
  });

  it('logs one JSON line per request with its correlation id, and never a token or a query', async () => {
    const token = await entra.sign({ oid: '12121212-0000-4000-8000-000000000012' });
    const answer = await get('/api/communities/resolve?teamId=private-words&channelId=more-private-words', {
      authorization: `Bearer ${token}`,
      'x-request-id': 'req-from-front-door-0001',
    });
    expect(answer.headers.get('x-request-id')).toBe('req-from-front-door-0001');
    const generated = (await get('/api/me', { authorization: `Bearer ${token}` })).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const requests = log.named('http.request').map((e) => e.fields);
    const mine = requests.filter((f) => f.requestId === 'req-from-front-door-0001');
    expect(mine).toEqual([expect.objectContaining({ method: 'GET', status: answer.status, requestId: 'req-from-front-door-0001' })]);
    expect(typeof mine[0]?.durationMs).toBe('number');
    expect(requests.some((f) => f.requestId === generated)).toBe(true);
    const everything = JSON.stringify(log.events);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('private-words');
    expect(everything).not.toContain('not-a-real-secret');
  });
});

describe('starting in production', () => {
  /** Runs the real entry point with only `env` set, as App Service would start it. */
  function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'bot', 'src', 'index.ts')],
        {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', ...env },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  it('refuses to start without bot authentication and single sign-on, naming every missing setting at once', async () => {
    const { code, stderr } = await start({
      NODE_ENV: 'production',
      PORT: '0',
      TAB_DIR,
      STORAGE_ACCOUNT_URL: 'https://example.table.core.windows.net',
    });
    expect(code).toBe(1);
    for (const name of ['BOT_ID', 'AAD_APP_CLIENT_ID', 'AAD_APP_ID_URI', 'AAD_APP_TENANT_ID', 'TEAMS_APP_ID'])
      expect(stderr).toContain(name);
    expect(stderr).not.toMatch(/\n\s+at /); // a list of settings to fix, not a stack trace
  });

  it('refuses to run on App Service in development mode', async () => {
    const { code, stderr } = await start({ WEBSITE_SITE_NAME: 'app-commonplace-dev', PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain('NODE_ENV must be production on App Service');
  });
});
