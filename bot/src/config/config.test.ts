import path from 'node:path';
import { ConfigError, loadConfig } from './config';

/** A stand-in for the built tab, which production requires. */
const TAB_DIR = path.resolve(__dirname, '../../../test-support/fixtures/tab');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const SSO = {
  AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  AAD_APP_ID_URI: 'api://contoso.example/botid-11111111-2222-4333-8444-555555555555',
  AAD_APP_TENANT_ID: '99999999-8888-4777-8666-555555555555',
};
/** Bot authentication, which any address but loopback needs. */
const BOT = { BOT_ID: 'id', BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: 'tenant' };
const PRODUCTION = {
  NODE_ENV: 'production',
  TEAMS_APP_ID: '00000000-0000-4000-8000-000000000001',
  STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
  BOT_ID: 'id',
  BOT_TYPE: 'UserAssignedMSI',
  BOT_TENANT_ID: 'tenant',
  TAB_DIR,
};

describe('loadConfig', () => {
  it('runs locally on Azurite and loopback with no settings at all', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('development');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3978);
    expect(config.storage).toMatchObject({ kind: 'connectionString' });
    expect(config.storage.kind === 'connectionString' && config.storage.connectionString).toContain(
      'TableEndpoint=http://127.0.0.1:10002/',
    );
    expect(config.botAuth).toBeUndefined();
    expect(config.threadRetentionDays).toBe(30);
  });

  it('lists everything production is missing in one error', () => {
    expect(problemsOf({ NODE_ENV: 'production', TAB_DIR })).toEqual([
      expect.stringContaining('STORAGE_ACCOUNT_URL is required'),
      expect.stringContaining('BOT_ID is required'),
      expect.stringContaining('AAD_APP_CLIENT_ID is required in production'),
      expect.stringContaining('AAD_APP_ID_URI is required in production'),
      expect.stringContaining('AAD_APP_TENANT_ID (or SSO_ALLOWED_TENANTS) is required in production'),
      expect.stringContaining('TEAMS_APP_ID is required in production'),
    ]);
  });

  it('links cards to the tab through the Teams app id, or locally through the tab server', () => {
    expect(loadConfig({}).cardLinks).toEqual({ tabUrl: 'http://localhost:53000/' });
    expect(loadConfig({ TAB_URL: 'http://localhost:61000/', TEAMS_APP_ID: '00000000-0000-4000-8000-000000000001' }).cardLinks).toEqual({
      teamsAppId: '00000000-0000-4000-8000-000000000001',
      tabUrl: 'http://localhost:61000/',
    });
    expect(loadConfig({ ...PRODUCTION, ...SSO }).cardLinks).toEqual({ teamsAppId: '00000000-0000-4000-8000-000000000001' });
    expect(problemsOf({ TEAMS_APP_ID: 'commonplace', TAB_URL: 'localhost:53000' })).toEqual([
      'TEAMS_APP_ID must be a GUID, the Teams app\'s id (got "commonplace")',
      'TAB_URL must be an http or https URL (got "localhost:53000")',
    ]);
  });

  it('fails safe: a mistyped mode, development on App Service, keys in production and an unbuilt tab are refused', () => {
    // A mistyped mode is held to production's rules as well, so nothing opens while it is fixed.
    const mistyped = problemsOf({ NODE_ENV: 'prod' });
    expect(mistyped[0]).toContain('NODE_ENV must be production, development or test (got "prod")');
    expect(mistyped).toContainEqual(expect.stringContaining('BOT_ID is required in production'));
    // Without NODE_ENV the service would be in development mode: on App Service that is refused.
    expect(problemsOf({ WEBSITE_SITE_NAME: 'app-commonplace' })).toEqual([
      expect.stringContaining('NODE_ENV must be production on App Service'),
    ]);
    expect(problemsOf({ ...PRODUCTION, ...SSO, STORAGE_ACCOUNT_URL: '', STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toEqual(
      [expect.stringContaining('STORAGE_CONNECTION_STRING is not allowed in production')],
    );
    expect(problemsOf({ ...PRODUCTION, ...SSO, TAB_DIR: path.join(TAB_DIR, 'assets') })).toEqual([
      expect.stringContaining('TAB_DIR: the built tab is missing'),
    ]);
    expect(problemsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'not-a-connection-string' })).toEqual([
      expect.stringContaining('APPLICATIONINSIGHTS_CONNECTION_STRING must be'),
    ]);
    const production = loadConfig({ ...PRODUCTION, ...SSO, WEBSITE_SITE_NAME: 'app-commonplace', PORT: '8080' });
    expect(production).toMatchObject({ mode: 'production', host: '0.0.0.0', port: 8080, developmentIdentity: false, tabDir: TAB_DIR });
    expect(loadConfig({ NODE_ENV: 'test' }).mode).toBe('development');
  });

  it('uses the development identity only in development, without single sign-on, on loopback', () => {
    expect(loadConfig({}).developmentIdentity).toBe(true);
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([
      expect.stringContaining('BOT_ID is required when HOST is not a loopback address'),
      expect.stringContaining('only allowed on a loopback address'),
    ]);
    const withSso = loadConfig({ ...SSO, ...BOT, HOST: '0.0.0.0' });
    expect(withSso.developmentIdentity).toBe(false);
    expect(withSso.sso).toEqual({
      clientId: SSO.AAD_APP_CLIENT_ID,
      applicationIdUri: SSO.AAD_APP_ID_URI,
      allowedTenants: [SSO.AAD_APP_TENANT_ID],
      authorityHost: 'https://login.microsoftonline.com',
    });
    expect(loadConfig({ ...PRODUCTION, ...SSO }).developmentIdentity).toBe(false);
  });

  it('requires bot authentication off loopback in development too, since single sign-on does not guard /api/messages', () => {
    expect(problemsOf({ ...SSO, HOST: '0.0.0.0' })).toEqual([
      expect.stringContaining('BOT_ID is required when HOST is not a loopback address (HOST is 0.0.0.0)'),
    ]);
    expect(problemsOf({ ...SSO, NODE_ENV: 'test', HOST: '10.1.2.3' })).toEqual([
      expect.stringContaining('BOT_ID is required when HOST is not a loopback address'),
    ]);
    expect(loadConfig({ ...SSO, ...BOT, BOT_TYPE: 'UserAssignedMSI', HOST: '0.0.0.0' }).botAuth?.appId).toBe('id');
    expect(loadConfig({ ...SSO }).botAuth).toBeUndefined();
  });

  it('refuses an authority host that is not https (but on loopback) or not an origin, naming the setting', () => {
    for (const [authority, problem] of [
      ['http://login.example.com', 'must use https'],
      ['http://10.0.0.5:8080', 'must use https'],
      ['ftp://login.microsoftonline.com', 'must use https'],
      ['https://login.microsoftonline.com/tenant', 'must be an origin only'],
      ['not a url', 'must be a URL'],
    ]) {
      expect(problemsOf({ ...SSO, ENTRA_AUTHORITY_HOST: authority })).toEqual([expect.stringContaining(`ENTRA_AUTHORITY_HOST ${problem}`)]);
    }
    expect(loadConfig({ ...SSO, ENTRA_AUTHORITY_HOST: 'http://127.0.0.1:4444' }).sso?.authorityHost).toBe('http://127.0.0.1:4444');
    expect(loadConfig({ ...SSO, ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us/' }).sso?.authorityHost).toBe(
      'https://login.microsoftonline.us',
    );
  });

  it('reports malformed single sign-on settings', () => {
    expect(problemsOf({ AAD_APP_CLIENT_ID: 'not-a-guid', AAD_APP_ID_URI: 'https://x', SSO_ALLOWED_TENANTS: 'contoso' })).toEqual([
      expect.stringContaining('AAD_APP_CLIENT_ID must be a GUID'),
      expect.stringContaining('AAD_APP_ID_URI must start with api://'),
      expect.stringContaining('must be tenant GUIDs'),
    ]);
    expect(problemsOf({ AAD_APP_CLIENT_ID: SSO.AAD_APP_CLIENT_ID })).toEqual([
      expect.stringContaining('AAD_APP_ID_URI is required'),
      expect.stringContaining('AAD_APP_TENANT_ID (or SSO_ALLOWED_TENANTS) is required'),
    ]);
    expect(loadConfig({ ...SSO, SSO_ALLOWED_TENANTS: 'any' }).sso?.allowedTenants).toBe('any');
  });

  it('uses the managed identity in production', () => {
    const config = loadConfig({ ...PRODUCTION, ...SSO });
    expect(config.storage).toEqual({ kind: 'managedIdentity', accountUrl: 'https://acct.table.core.windows.net' });
    expect(config.host).toBe('0.0.0.0');
  });

  it('reports malformed values', () => {
    const problems = problemsOf({ PORT: 'eighty', THREAD_RETENTION_DAYS: '0', TABLE_PREFIX: '1bad', BOT_ID: 'x', BOT_TYPE: 'Weird' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('PORT must be a whole number'),
        expect.stringContaining('THREAD_RETENTION_DAYS must be a whole number from 1 to 365'),
        expect.stringContaining('TABLE_PREFIX'),
        expect.stringContaining('BOT_TYPE must be one of'),
      ]),
    );
  });

  it('applies every default itself, so the service reads no fallback of its own', () => {
    const config = loadConfig({});
    expect(config.storageTimeouts).toEqual({ attemptTimeoutMs: 3_000, maxRetries: 2, retryDelayMs: 100, maxRetryDelayMs: 800 });
    expect(config.apiRateLimitPerMinute).toBe(240);
    expect(config.threadRetentionDays).toBe(30);
    expect(config.housekeepingIntervalMinutes).toBe(60);
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com');
  });

  it('runs the scheduler by default, and reads its settings', () => {
    expect(loadConfig({}).scheduler).toEqual({ enabled: true, tickSeconds: 10, leaseSeconds: 60, tenantSendsPerSecond: 20 });
    expect(
      loadConfig({
        SCHEDULER_ENABLED: 'false',
        SCHEDULER_TICK_SECONDS: '5',
        SCHEDULER_LEASE_SECONDS: '90',
        SCHEDULER_TENANT_SENDS_PER_SECOND: '12',
      }).scheduler,
    ).toEqual({ enabled: false, tickSeconds: 5, leaseSeconds: 90, tenantSendsPerSecond: 12 });
    expect(loadConfig({ SCHEDULER_ENABLED: '1' }).scheduler?.enabled).toBe(true);
  });

  it('lists every malformed scheduler setting at once', () => {
    expect(
      problemsOf({
        SCHEDULER_ENABLED: 'maybe',
        SCHEDULER_TICK_SECONDS: '0',
        SCHEDULER_LEASE_SECONDS: '5',
        SCHEDULER_TENANT_SENDS_PER_SECOND: '51',
      }),
    ).toEqual([
      expect.stringContaining('SCHEDULER_ENABLED must be true or false'),
      expect.stringContaining('SCHEDULER_TICK_SECONDS must be a whole number from 1 to 3600'),
      expect.stringContaining('SCHEDULER_LEASE_SECONDS must be a whole number from 10 to 3600'),
      expect.stringContaining('SCHEDULER_TENANT_SENDS_PER_SECOND must be a whole number from 1 to 50'),
    ]);
  });
});
