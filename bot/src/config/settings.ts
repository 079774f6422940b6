import { THREAD_RETENTION_DEFAULT_DAYS } from '../domain/threads/retention';

/**
 * Where a setting's value comes from in each place the service runs:
 * - `azure`: an App Service app setting written by infra/azure.bicep;
 * - `platform`: set by App Service itself, never by us;
 * - `local`: only on a developer machine (`npm start`, or `.localConfigs` written by
 *   teamsapp.local.yml). Never set in Azure: these hold emulator connection strings.
 */
export type SettingSource = 'azure' | 'platform' | 'local';

/** One environment variable the service reads. */
export interface Setting {
  name: string;
  source: SettingSource;
  /** What the value means, as the README's configuration table says it. */
  meaning: string;
  /** The default in the README's words (Markdown), or '—' when there is none. */
  defaultValue: string;
}

/** A value as the README writes it: in code style. */
function code(value: string | number | boolean): string {
  return `\`${String(value)}\``;
}

/** Scheduler tuning when nothing is set; also the Bicep parameters' defaults. */
export const SCHEDULER_DEFAULTS = { enabled: true, tickSeconds: 10, leaseSeconds: 60, tenantSendsPerSecond: 20 } as const;

/**
 * How long the service waits on Table storage. Teams gives a bot five seconds to answer,
 * so a storage call that has not answered in three (Azure answers in tens of milliseconds)
 * is given up, and the person told to try again, rather than left waiting on storage that
 * stalls. A call that fails at once (a reset connection, a 5xx) is retried twice, quickly.
 */
export const STORAGE_DEFAULTS = { attemptTimeoutMs: 3_000, maxRetries: 2, retryDelayMs: 100, maxRetryDelayMs: 800 } as const;

/** API requests one person may make per minute on one instance when nothing is set. */
export const API_RATE_LIMIT_DEFAULT = 240;

/**
 * Every setting the service reads, in the order the README's configuration table lists
 * them. `loadConfig` refuses to read a name that is not here, and the deployment tests
 * hold this list, infra/azure.bicep and the README to each other.
 */
export const SETTINGS: readonly Setting[] = [
  {
    name: 'NODE_ENV',
    source: 'azure',
    defaultValue: '`development`',
    meaning:
      '`production` in Azure: requires bot authentication and single sign-on, never accepts the development identity. `development` (or `test`) runs locally against Azurite and the Agents Playground. Any other value is refused.',
  },
  { name: 'PORT', source: 'platform', defaultValue: '`3978`', meaning: 'Port the service listens on. App Service sets it.' },
  {
    name: 'HOST',
    source: 'local',
    defaultValue: '`127.0.0.1` (development), `0.0.0.0` (production)',
    meaning: 'Address the service binds. Any address but loopback needs single sign-on and bot authentication (`BOT_ID`).',
  },
  {
    name: 'WEBSITE_SITE_NAME',
    source: 'platform',
    defaultValue: '—',
    meaning:
      'Set by App Service. When present, the service refuses to start unless `NODE_ENV=production`, so a missing setting can never open the development identity in Azure.',
  },
  {
    name: 'STORAGE_ACCOUNT_URL',
    source: 'azure',
    defaultValue: '—',
    meaning:
      "Table endpoint of the storage account (`https://<account>.table.core.windows.net`), reached with the App Service's managed identity. Required in production.",
  },
  {
    name: 'STORAGE_CONNECTION_STRING',
    source: 'local',
    defaultValue: 'Azurite on `AZURITE_TABLE_PORT`',
    meaning: 'Connection string for local storage. Refused in production: Azure storage is reached without keys.',
  },
  {
    name: 'AZURITE_TABLE_PORT',
    source: 'local',
    defaultValue: '`10002`',
    meaning: 'Port of the local Azurite Table service, when no connection string is given.',
  },
  {
    name: 'TABLE_PREFIX',
    source: 'azure',
    defaultValue: '`commonplace`',
    meaning: 'Prefix of every table name, so deployments or test runs can share an account.',
  },
  {
    name: 'BOT_ID',
    source: 'azure',
    defaultValue: '—',
    meaning:
      "Client id of the bot's Entra app registration (or of its user-assigned managed identity). Required in production, and on any address but loopback.",
  },
  {
    name: 'BOT_PASSWORD',
    source: 'azure',
    defaultValue: '—',
    meaning: "Client secret of the bot's Entra app. Required unless `BOT_TYPE=UserAssignedMSI`.",
  },
  {
    name: 'BOT_TENANT_ID',
    source: 'azure',
    defaultValue: '—',
    meaning: "Tenant of the bot's registration. Required for `SingleTenant` and `UserAssignedMSI`.",
  },
  {
    name: 'BOT_TYPE',
    source: 'azure',
    defaultValue: '`MultiTenant`',
    meaning: '`SingleTenant`, `MultiTenant` or `UserAssignedMSI`, as the Azure Bot resource is registered.',
  },
  {
    name: 'AAD_APP_CLIENT_ID',
    source: 'azure',
    defaultValue: '—',
    meaning: "Client id of the Entra app the tab signs in to (the manifest's `webApplicationInfo.id`). Required in production.",
  },
  {
    name: 'AAD_APP_ID_URI',
    source: 'azure',
    defaultValue: '—',
    meaning: "Its Application ID URI, `api://<domain>/botid-<bot id>`: the audience of the tab's tokens. Required in production.",
  },
  {
    name: 'AAD_APP_TENANT_ID',
    source: 'azure',
    defaultValue: '—',
    meaning: 'Tenant whose people may sign in to the tab, when `SSO_ALLOWED_TENANTS` is not set.',
  },
  {
    name: 'SSO_ALLOWED_TENANTS',
    source: 'azure',
    defaultValue: '`AAD_APP_TENANT_ID`',
    meaning: 'Comma-separated tenant ids allowed to sign in, or `any` for a multi-tenant deployment.',
  },
  {
    name: 'ENTRA_AUTHORITY_HOST',
    source: 'azure',
    defaultValue: '`https://login.microsoftonline.com`',
    meaning:
      'Where Entra publishes its signing keys; change only for a national cloud. Must be an `https` origin (plain `http` only on loopback).',
  },
  {
    name: 'GRAPH_BASE_URL',
    source: 'azure',
    defaultValue: '`https://graph.microsoft.com`',
    meaning: 'Microsoft Graph, asked who owns and belongs to a team; change only for a national cloud.',
  },
  {
    name: 'TAB_DIR',
    source: 'azure',
    defaultValue: 'not served (development); `dist/tab` (production)',
    meaning: 'Folder of the built tab the service serves from its own origin. Relative paths are from the working directory.',
  },
  {
    name: 'TEAMS_APP_ID',
    source: 'azure',
    defaultValue: '—',
    meaning:
      "The id Teams knows the app by: the manifest's `id` for an uploaded app, the org catalog id (`TEAMS_APP_PUBLISHED_APP_ID`) once it is published to the tenant's catalog. Cards and the thanks after a save link to the card in the channel tab through it. Required in production.",
  },
  {
    name: 'TAB_URL',
    source: 'local',
    defaultValue: '`http://localhost:53000/` (development); — (production)',
    meaning:
      'Address of the community tab outside Teams. Without `TEAMS_APP_ID`, cards link to it with `?card=<id>`; `npm start` sets it to its tab server.',
  },
  {
    name: 'THREAD_RETENTION_DAYS',
    source: 'azure',
    defaultValue: code(THREAD_RETENTION_DEFAULT_DAYS),
    meaning: 'Days channel thread messages are kept so a reply can be harvested with its thread.',
  },
  {
    name: 'HOUSEKEEPING_INTERVAL_MINUTES',
    source: 'azure',
    defaultValue: '`60`',
    meaning: 'How often expired thread messages are purged and unindexed cards re-indexed.',
  },
  {
    name: 'SCHEDULER_ENABLED',
    source: 'azure',
    defaultValue: code(SCHEDULER_DEFAULTS.enabled),
    meaning: 'Whether this instance posts due reminders (every instance may; each reminder is posted once).',
  },
  {
    name: 'SCHEDULER_TICK_SECONDS',
    source: 'azure',
    defaultValue: code(SCHEDULER_DEFAULTS.tickSeconds),
    meaning: 'How often an idle instance looks for due reminders.',
  },
  {
    name: 'SCHEDULER_LEASE_SECONDS',
    source: 'azure',
    defaultValue: code(SCHEDULER_DEFAULTS.leaseSeconds),
    meaning: "How long an instance's claim on a reminder holds before another may take it over.",
  },
  {
    name: 'SCHEDULER_TENANT_SENDS_PER_SECOND',
    source: 'azure',
    defaultValue: code(SCHEDULER_DEFAULTS.tenantSendsPerSecond),
    meaning:
      "Posts per second per tenant from one instance. Instances × this must stay under Teams' 50 per app per tenant; the Bicep divides it by the instance count.",
  },
  {
    name: 'API_RATE_LIMIT_PER_MINUTE',
    source: 'azure',
    defaultValue: code(API_RATE_LIMIT_DEFAULT),
    meaning: 'API requests one signed-in person may make per minute on one instance; more get 429 with `Retry-After`.',
  },
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    source: 'azure',
    defaultValue: 'no telemetry',
    meaning: 'Sends requests, dependencies and exceptions to Application Insights when set.',
  },
];

const NAMES = new Set(SETTINGS.map((s) => s.name));

/** Whether `name` is a documented setting. */
export function isSetting(name: string): boolean {
  return NAMES.has(name);
}
