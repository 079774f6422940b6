import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs locally on Azurite and loopback with no settings at all', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('development');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3978);
    expect(config.storage).toMatchObject({ kind: 'connectionString' });
    expect(config.storage.kind === 'connectionString' && config.storage.connectionString).toContain('TableEndpoint=http://127.0.0.1:10002/');
    expect(config.botAuth).toBeUndefined();
    expect(config.threadRetentionDays).toBe(30);
  });

  it('lists everything production is missing in one error', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringContaining('STORAGE_ACCOUNT_URL is required'),
      expect.stringContaining('BOT_ID is required'),
    ]);
  });

  it('uses the managed identity in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
      BOT_ID: 'id',
      BOT_TYPE: 'UserAssignedMSI',
      BOT_TENANT_ID: 'tenant',
    });
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
});
