import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CardLinkSettings } from '../cards/cardLinks';
import { THREAD_RETENTION_DEFAULT_DAYS } from '../domain/threads/retention';
import { API_RATE_LIMIT_DEFAULT, isSetting, SCHEDULER_DEFAULTS, STORAGE_DEFAULTS } from './settings';

export { SCHEDULER_DEFAULTS, STORAGE_DEFAULTS } from './settings';

/** Azurite's well-known development account: public, documented, and only for the emulator. */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Connection string for an Azurite Table service on the given loopback port. */
export function azuriteConnectionString(tablePort: number, host = '127.0.0.1'): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `TableEndpoint=http://${host}:${tablePort}/${AZURITE_ACCOUNT};`
  );
}

/** How the service reaches Table storage. */
export type StorageConfig =
  /** A connection string: Azurite locally. */
  | { kind: 'connectionString'; connectionString: string }
  /** An account URL with the app's managed identity (DefaultAzureCredential): Azure, no keys. */
  | { kind: 'managedIdentity'; accountUrl: string };

/** How long the service waits on Table storage, and how it retries (see STORAGE_DEFAULTS). */
export interface StorageTimeouts {
  /** One attempt of a storage call is given up after this long. */
  attemptTimeoutMs: number;
  /** Retries of a call that failed at once (a reset connection, a 5xx); a timed-out attempt is not retried. */
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

/** How the bot authenticates with the Bot Framework. */
export interface BotAuthConfig {
  appId: string;
  /** Absent for a managed-identity bot. */
  password?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

/** How the API verifies the tab's Teams single sign-on tokens. */
export interface SsoConfig {
  /** Client id of the Entra app the tab's tokens are issued for. */
  clientId: string;
  /** Its Application ID URI, `api://<domain>/botid-<bot id>`. */
  applicationIdUri: string;
  /** Tenants whose people may sign in; 'any' for a multi-tenant deployment. */
  allowedTenants: string[] | 'any';
  /** Where Entra publishes signing keys; the public cloud unless told otherwise. */
  authorityHost: string;
}

/** How the reminder scheduler runs (bot/src/scheduler). */
export interface SchedulerConfig {
  /** Whether this instance posts due jobs (jobs can be scheduled either way). */
  enabled: boolean;
  /** How often an idle instance asks storage for due jobs. */
  tickSeconds: number;
  /** How long a claim on a job holds; must exceed the worst-case post with its retries. */
  leaseSeconds: number;
  /** Posts per second per tenant from one instance: instances × this must stay under Teams' 50 per app per tenant. */
  tenantSendsPerSecond: number;
}

/**
 * Every setting the service runs with, read once at start, defaults applied: what is
 * optional here is absent on purpose (no bot, no single sign-on, no built tab, no telemetry).
 * A configuration built by hand (tests, tools) starts from `loadConfig({})`.
 */
export interface AppConfig {
  mode: 'development' | 'production';
  host: string;
  port: number;
  storage: StorageConfig;
  /** How long storage calls may take. */
  storageTimeouts: StorageTimeouts;
  /** Prefix of every table name, so several deployments or test runs can share an account. */
  tablePrefix: string;
  /** Absent in local development, where the Agents Playground talks to the bot anonymously. */
  botAuth?: BotAuthConfig;
  threadRetentionDays: number;
  housekeepingIntervalMinutes: number;
  /** Absent in local development: the API then answers as the development identity. */
  sso?: SsoConfig;
  /**
   * True only in development, without SSO, on a loopback address: the API accepts the
   * Agents Playground's default user without a token.
   */
  developmentIdentity: boolean;
  /** Microsoft Graph, asked which people own and belong to a team. */
  graphBaseUrl: string;
  /** Folder of the built tab the service serves, if any (the production build). */
  tabDir?: string;
  /** How the links to cards in what the bot posts are made: a Teams deep link, or locally the tab's address. */
  cardLinks: CardLinkSettings;
  /** The reminder scheduler. */
  scheduler: SchedulerConfig;
  /** API requests one person may make per minute on one instance. */
  apiRateLimitPerMinute: number;
  /** Application Insights, when telemetry is wanted. */
  telemetryConnectionString?: string;
}

/** The service cannot start; `problems` lists every missing or malformed setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads the environment into an {@link AppConfig}. It checks everything before
 * failing, so one start tells an admin every setting to fix.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    // An undocumented setting would escape the README and the deployment tests.
    if (!isSetting(name)) throw new Error(`loadConfig: ${name} is not in SETTINGS`);
    const v = env[name]?.trim();
    // App Service leaves a Key Vault reference as literal text when it cannot read the secret.
    if (v?.startsWith('@Microsoft.KeyVault(')) {
      problems.push(
        `${name} is a Key Vault reference App Service could not resolve: give the web app's identity the Key Vault Secrets User role on the secret, then restart it`,
      );
      return undefined;
    }
    return v ? v : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const modeRaw = value('NODE_ENV') ?? 'development';
  // A typo such as "prod" must not quietly become development, which trusts loopback callers.
  if (!['production', 'development', 'test'].includes(modeRaw)) {
    problems.push(`NODE_ENV must be production, development or test (got "${modeRaw}")`);
  }
  const mode = modeRaw === 'development' || modeRaw === 'test' ? 'development' : 'production';
  const production = mode === 'production';
  const appServiceSite = value('WEBSITE_SITE_NAME');
  if (appServiceSite && !production) {
    problems.push(`NODE_ENV must be production on App Service (this is site "${appServiceSite}")`);
  }

  const port = integer('PORT', 3978, 1, 65535);
  const host = value('HOST') ?? (production ? '0.0.0.0' : '127.0.0.1');

  const connectionString = value('STORAGE_CONNECTION_STRING');
  const accountUrl = value('STORAGE_ACCOUNT_URL');
  let storage: StorageConfig;
  if (connectionString && accountUrl) {
    problems.push('set either STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL, not both');
    storage = { kind: 'connectionString', connectionString };
  } else if (accountUrl) {
    if (!/^https?:\/\/[^\s/]+/.test(accountUrl)) problems.push(`STORAGE_ACCOUNT_URL must be a URL (got "${accountUrl}")`);
    storage = { kind: 'managedIdentity', accountUrl };
  } else if (connectionString) {
    if (production) {
      problems.push(
        'STORAGE_CONNECTION_STRING is not allowed in production: set STORAGE_ACCOUNT_URL, reached with the managed identity and no keys',
      );
    }
    storage = { kind: 'connectionString', connectionString };
  } else if (production) {
    problems.push('STORAGE_ACCOUNT_URL is required in production (the Table endpoint, used with the managed identity)');
    storage = { kind: 'managedIdentity', accountUrl: '' };
  } else {
    storage = { kind: 'connectionString', connectionString: azuriteConnectionString(integer('AZURITE_TABLE_PORT', 10002, 1, 65535)) };
  }

  const tablePrefix = value('TABLE_PREFIX') ?? 'commonplace';
  if (!/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(tablePrefix)) {
    problems.push(`TABLE_PREFIX must start with a letter and use only letters and digits, at most 40 (got "${tablePrefix}")`);
  }

  const loopback = LOOPBACK_HOSTS.has(host);
  const botAuth = readBotAuth(value, production, problems);
  // Without bot authentication /api/messages runs any activity anyone posts: one forged
  // activity could point a team at another Microsoft 365 group. Only loopback may do without.
  if (!botAuth && !production && !loopback) {
    problems.push(
      `BOT_ID is required when HOST is not a loopback address (HOST is ${host}): without bot authentication anyone who can reach the service could post activities to it`,
    );
  }
  const sso = readSso(value, production, problems);
  if (!production && !sso && !loopback) {
    problems.push(
      `HOST is ${host}, but without AAD_APP_CLIENT_ID the API would accept the development identity; ` +
        'it is only allowed on a loopback address (HOST=127.0.0.1), so configure single sign-on to listen elsewhere',
    );
  }
  const graphBaseUrl = value('GRAPH_BASE_URL') ?? 'https://graph.microsoft.com';
  if (!/^https?:\/\/[^\s/]+/.test(graphBaseUrl)) problems.push(`GRAPH_BASE_URL must be a URL (got "${graphBaseUrl}")`);

  const config: AppConfig = {
    mode,
    host,
    port,
    storage,
    storageTimeouts: { ...STORAGE_DEFAULTS },
    tablePrefix,
    botAuth,
    threadRetentionDays: integer('THREAD_RETENTION_DAYS', THREAD_RETENTION_DEFAULT_DAYS, 1, 365),
    housekeepingIntervalMinutes: integer('HOUSEKEEPING_INTERVAL_MINUTES', 60, 1, 1440),
    sso,
    developmentIdentity: !production && !sso && loopback,
    graphBaseUrl: graphBaseUrl.replace(/\/+$/, ''),
    tabDir: readTabDir(value, production, problems),
    cardLinks: readCardLinks(value, production, problems),
    scheduler: readScheduler(value, integer, problems),
    apiRateLimitPerMinute: integer('API_RATE_LIMIT_PER_MINUTE', API_RATE_LIMIT_DEFAULT, 1, 100_000),
    telemetryConnectionString: readTelemetry(value, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The built tab lives at dist/tab beside the compiled service (dist/bot/src/config). */
const BUILT_TAB_DIR = path.resolve(__dirname, '..', '..', '..', 'tab');

function readTabDir(value: (name: string) => string | undefined, production: boolean, problems: string[]): string | undefined {
  const raw = value('TAB_DIR');
  if (!raw && !production) return undefined;
  const dir = raw ? path.resolve(raw) : BUILT_TAB_DIR;
  if (!existsSync(path.join(dir, 'index.html'))) {
    problems.push(`TAB_DIR: the built tab is missing (${path.join(dir, 'index.html')} does not exist; run npm run build)`);
  }
  return dir;
}

/** Where `npm start` serves the tab when TAB_PORT is not set. */
const DEVELOPMENT_TAB_URL = 'http://localhost:53000/';

function readCardLinks(value: (name: string) => string | undefined, production: boolean, problems: string[]): CardLinkSettings {
  const teamsAppId = value('TEAMS_APP_ID');
  if (teamsAppId && !GUID.test(teamsAppId)) problems.push(`TEAMS_APP_ID must be a GUID, the Teams app's id (got "${teamsAppId}")`);
  if (!teamsAppId && production) {
    problems.push("TEAMS_APP_ID is required in production (the Teams app's id, so cards link to the community tab)");
  }
  const tabUrl = value('TAB_URL') ?? (production ? undefined : DEVELOPMENT_TAB_URL);
  if (tabUrl && !isHttpUrl(tabUrl)) problems.push(`TAB_URL must be an http or https URL (got "${tabUrl}")`);
  return { ...(teamsAppId ? { teamsAppId } : {}), ...(tabUrl ? { tabUrl } : {}) };
}

function isHttpUrl(raw: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}

function readTelemetry(value: (name: string) => string | undefined, problems: string[]): string | undefined {
  const raw = value('APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (raw === undefined) return undefined;
  if (!/(^|;)\s*(InstrumentationKey|IngestionEndpoint)=/i.test(raw)) {
    problems.push(
      'APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)',
    );
  }
  return raw;
}

function readScheduler(
  value: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): SchedulerConfig {
  const enabledRaw = value('SCHEDULER_ENABLED')?.toLowerCase();
  if (enabledRaw !== undefined && !['true', 'false', '1', '0'].includes(enabledRaw)) {
    problems.push(`SCHEDULER_ENABLED must be true or false (got "${value('SCHEDULER_ENABLED')}")`);
  }
  const tickSeconds = integer('SCHEDULER_TICK_SECONDS', SCHEDULER_DEFAULTS.tickSeconds, 1, 3600);
  const leaseSeconds = integer('SCHEDULER_LEASE_SECONDS', SCHEDULER_DEFAULTS.leaseSeconds, 10, 3600);
  const tenantSendsPerSecond = integer('SCHEDULER_TENANT_SENDS_PER_SECOND', SCHEDULER_DEFAULTS.tenantSendsPerSecond, 1, 50);
  return {
    enabled: enabledRaw === undefined ? true : enabledRaw === 'true' || enabledRaw === '1',
    tickSeconds,
    leaseSeconds,
    tenantSendsPerSecond,
  };
}

const BOT_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

function readBotAuth(value: (name: string) => string | undefined, production: boolean, problems: string[]): BotAuthConfig | undefined {
  const appId = value('BOT_ID');
  const password = value('BOT_PASSWORD');
  const tenantId = value('BOT_TENANT_ID');
  const typeRaw = value('BOT_TYPE') ?? 'MultiTenant';
  if (!appId) {
    if (production) problems.push("BOT_ID is required in production (the bot's Entra app or managed identity client id)");
    if (password) problems.push('BOT_PASSWORD is set but BOT_ID is not');
    return undefined;
  }
  const appType = BOT_APP_TYPES.find((t) => t === typeRaw);
  if (!appType) problems.push(`BOT_TYPE must be one of ${BOT_APP_TYPES.join(', ')} (got "${typeRaw}")`);
  if (appType !== 'UserAssignedMSI' && !password) problems.push('BOT_PASSWORD is required unless BOT_TYPE is UserAssignedMSI');
  if (appType !== 'MultiTenant' && !tenantId) problems.push(`BOT_TENANT_ID is required when BOT_TYPE is ${typeRaw}`);
  return { appId, password, tenantId, appType: appType ?? 'MultiTenant' };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readSso(value: (name: string) => string | undefined, production: boolean, problems: string[]): SsoConfig | undefined {
  const clientId = value('AAD_APP_CLIENT_ID');
  const applicationIdUri = value('AAD_APP_ID_URI');
  const tenantsRaw = value('SSO_ALLOWED_TENANTS') ?? value('AAD_APP_TENANT_ID');
  if (!clientId && !applicationIdUri) {
    if (production) {
      problems.push('AAD_APP_CLIENT_ID is required in production (the Entra app the tab signs in to)');
      problems.push('AAD_APP_ID_URI is required in production (api://<domain>/botid-<bot id>)');
      if (!tenantsRaw) problems.push('AAD_APP_TENANT_ID (or SSO_ALLOWED_TENANTS) is required in production (whose people may sign in)');
    }
    return undefined;
  }
  if (!clientId) problems.push('AAD_APP_CLIENT_ID is required when AAD_APP_ID_URI is set');
  else if (!GUID.test(clientId)) problems.push(`AAD_APP_CLIENT_ID must be a GUID (got "${clientId}")`);
  if (!applicationIdUri) problems.push('AAD_APP_ID_URI is required when AAD_APP_CLIENT_ID is set (api://<domain>/botid-<bot id>)');
  else if (!/^api:\/\/\S+$/.test(applicationIdUri)) problems.push(`AAD_APP_ID_URI must start with api:// (got "${applicationIdUri}")`);
  let allowedTenants: string[] | 'any' = [];
  if (!tenantsRaw) problems.push('AAD_APP_TENANT_ID (or SSO_ALLOWED_TENANTS) is required with single sign-on (whose people may sign in)');
  else if (tenantsRaw === 'any') allowedTenants = 'any';
  else {
    allowedTenants = tenantsRaw
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const bad = allowedTenants.filter((t) => !GUID.test(t));
    if (bad.length)
      problems.push(`SSO_ALLOWED_TENANTS / AAD_APP_TENANT_ID must be tenant GUIDs separated by commas, or "any" (got "${bad.join(', ')}")`);
  }
  const authorityHost = (value('ENTRA_AUTHORITY_HOST') ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const authorityProblem = authorityHostProblem(authorityHost);
  if (authorityProblem) problems.push(`ENTRA_AUTHORITY_HOST ${authorityProblem} (got "${authorityHost}")`);
  return { clientId: clientId ?? '', applicationIdUri: applicationIdUri ?? '', allowedTenants, authorityHost };
}

/**
 * What is wrong with an authority host, if anything. It serves the keys tokens are checked
 * with, so plain HTTP is allowed only on loopback (where tests serve keys): anywhere else the
 * network could substitute them.
 */
function authorityHostProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL, e.g. https://login.microsoftonline.com';
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return 'must use https (plain http only on a loopback address)';
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    return 'must be an origin only, e.g. https://login.microsoftonline.com';
  return undefined;
}
