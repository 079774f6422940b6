import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, loadConfig } from '../bot/src/config/config';
import { SETTINGS } from '../bot/src/config/settings';
import { openTables } from '../bot/src/storage/tables';

/*
 * The deployment's parts must agree: the settings the service reads, the app settings
 * infra/azure.bicep gives it, the README's configuration table, the toolkit's lifecycle
 * files and the Entra and Teams manifests. Each check names what disagrees.
 */

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const bicep = read('infra/azure.bicep');
const names = (list: readonly { name: string }[]) => list.map((s) => s.name).sort();

/** App settings App Service itself reads; the service never does. */
const APP_SERVICE_SETTINGS = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_RUN_FROM_PACKAGE'];

/** The app settings block of the web app, as NAME: value lines. */
function bicepAppSettings(): Map<string, string> {
  const block = /resource appSettings [^{]+\{[\s\S]*?properties: \{([\s\S]*?)\n {2}\}/.exec(bicep)?.[1];
  if (!block) throw new Error('infra/azure.bicep has no appSettings resource');
  return new Map([...block.matchAll(/^\s+([A-Z][A-Z0-9_]+): (.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** `param name type = default` lines of the Bicep file. */
function bicepParams(): Map<string, string | undefined> {
  return new Map([...bicep.matchAll(/^param (\w+) \w+(?: = (.+))?$/gm)].map((m) => [m[1]!, m[2]?.trim()]));
}

/** Every environment variable loadConfig reads for `env`, recorded as it reads them. */
function settingsRead(env: Record<string, string>): Set<string> {
  const seen = new Set<string>();
  const recording = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') seen.add(key);
      return target[key as string];
    },
  });
  try {
    loadConfig(recording);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  return seen;
}

/** The README's configuration table: setting name → default column. */
function readmeSettings(): Map<string, string> {
  const readme = read('README.md');
  const section = /\n## Configuration\n([\s\S]*?)(\n## |$)/.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const rows = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]*) \| ([^|]*) \|/gm)];
  return new Map(rows.map((r) => [r[1]!, r[3]!.trim()]));
}

describe('configuration', () => {
  it('reads exactly the documented settings, whatever the mode', () => {
    const development = settingsRead({});
    const production = settingsRead({
      NODE_ENV: 'production',
      AAD_APP_CLIENT_ID: 'x',
      BOT_ID: 'x',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'x',
    });
    expect([...new Set([...development, ...production])].sort()).toEqual(names(SETTINGS));
  });

  it('gets every Azure setting from infra/azure.bicep, and no local or platform one', () => {
    const appSettings = [...bicepAppSettings().keys()].filter((n) => !APP_SERVICE_SETTINGS.includes(n)).sort();
    expect(appSettings).toEqual(names(SETTINGS.filter((s) => s.source === 'azure')));
    // No keys or connection strings for storage in Azure: the managed identity reaches it.
    expect(bicepAppSettings().get('STORAGE_CONNECTION_STRING')).toBeUndefined();
    expect(bicep).not.toMatch(/listKeys\(|AccountKey=/);
    expect(bicepAppSettings().get('NODE_ENV')).toBe("'production'");
    // The bot's secret is a Key Vault reference, never the value itself.
    expect(bicepAppSettings().get('BOT_PASSWORD')).toMatch(/^'@Microsoft\.KeyVault\(/);
  });

  it('gets every local setting from npm start or the local toolkit file', () => {
    const localSources = read('scripts/start.ts') + read('teamsapp.local.yml');
    for (const setting of SETTINGS.filter((s) => s.source === 'local')) {
      expect({ name: setting.name, provided: localSources.includes(setting.name) }).toEqual({ name: setting.name, provided: true });
    }
    // .localConfigs gives the service documented settings only.
    const localYaml = parseYaml(read('teamsapp.local.yml')) as { deploy: { uses: string; with: { envs?: Record<string, string> } }[] };
    const envs = localYaml.deploy.find((step) => step.uses === 'file/createOrUpdateEnvironmentFile')?.with.envs ?? {};
    expect(Object.keys(envs).filter((n) => !SETTINGS.some((s) => s.name === n))).toEqual([]);
  });

  it('is documented in the README configuration table, with the same defaults', () => {
    const table = readmeSettings();
    expect([...table.keys()].sort()).toEqual(names(SETTINGS));
    for (const setting of SETTINGS) {
      expect({ name: setting.name, default: table.get(setting.name) }).toEqual({ name: setting.name, default: setting.defaultValue });
    }
  });

  it('has Bicep parameter defaults equal to the service defaults', () => {
    const params = bicepParams();
    const byParam: Record<string, string> = {
      tablePrefix: 'TABLE_PREFIX',
      threadRetentionDays: 'THREAD_RETENTION_DAYS',
      housekeepingIntervalMinutes: 'HOUSEKEEPING_INTERVAL_MINUTES',
      schedulerEnabled: 'SCHEDULER_ENABLED',
      schedulerTickSeconds: 'SCHEDULER_TICK_SECONDS',
      schedulerLeaseSeconds: 'SCHEDULER_LEASE_SECONDS',
      schedulerTenantSendsPerSecond: 'SCHEDULER_TENANT_SENDS_PER_SECOND',
      apiRateLimitPerMinute: 'API_RATE_LIMIT_PER_MINUTE',
      entraAuthorityHost: 'ENTRA_AUTHORITY_HOST',
      graphBaseUrl: 'GRAPH_BASE_URL',
    };
    for (const [param, name] of Object.entries(byParam)) {
      const serviceDefault = SETTINGS.find((s) => s.name === name)?.defaultValue;
      expect({ param, default: params.get(param)?.replace(/^'|'$/g, '') }).toEqual({ param, default: serviceDefault?.replace(/`/g, '') });
      expect(bicepAppSettings().get(name)).toMatch(
        new RegExp(param === 'schedulerTenantSendsPerSecond' ? 'tenantSendsPerInstance' : `\\b${param}\\b`),
      );
    }
  });

  it('creates in Bicep exactly the tables the service opens', () => {
    const opened = Object.values(openTables({ kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' }, 'p'))
      .flat()
      .map((client) => client.tableName.slice(1))
      .sort();
    const list = /var tableNames = \[([^\]]*)\]/.exec(bicep)![1]!;
    const listed = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(opened);
  });
});

describe('infrastructure and toolkit', () => {
  const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> };

  it('passes every Bicep parameter without a default, and only parameters Bicep declares', () => {
    const params = bicepParams();
    const given = Object.keys(parameters.parameters);
    expect(given.filter((p) => !params.has(p))).toEqual([]);
    const required = [...params].filter(([, fallback]) => fallback === undefined).map(([p]) => p);
    expect(required.filter((p) => !given.includes(p))).toEqual([]);
  });

  it('writes every Bicep output back into both environments', () => {
    const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
    expect(outputs).toEqual(expect.arrayContaining(['APP_DOMAIN', 'BOT_ENDPOINT', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']));
    for (const file of ['env/.env.local', 'env/.env.dev']) {
      const keys = [...read(file).matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
      expect({ file, missing: outputs.filter((o) => !keys.includes(o)) }).toEqual({ file, missing: [] });
    }
  });

  it('provisions, deploys and publishes in the order the steps need', () => {
    const lifecycle = parseYaml(read('teamsapp.yml')) as Record<
      'provision' | 'deploy' | 'publish',
      { uses: string; with?: Record<string, unknown> }[]
    >;
    const provision = lifecycle.provision.map((s) => s.uses);
    expect(provision).toEqual([
      'teamsApp/create',
      'botAadApp/create',
      'aadApp/create',
      'arm/deploy', // writes APP_DOMAIN, which aadApp/update's identifier URI needs
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(lifecycle.provision.find((s) => s.uses === 'arm/deploy')?.with).toMatchObject({
      templates: [{ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' }],
    });
    const deploy = lifecycle.deploy.map((s) => `${s.uses} ${String(s.with?.args ?? s.with?.artifactFolder ?? '')}`);
    expect(deploy).toEqual([
      'cli/runNpmCommand ci',
      'cli/runNpmCommand run build',
      'cli/runNpmCommand run stage',
      'azureAppService/zipDeploy .deploy',
    ]);
    expect(lifecycle.publish.map((s) => s.uses)).toContain('teamsApp/publishAppPackage');

    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.stage).toBe('tsx scripts/stage.ts');
    expect(read('scripts/stage.ts')).toContain("path.join(ROOT, '.deploy')");
    // The App Service starts what the build writes: tsconfig.build.json compiles bot/src into dist/.
    const start = /appCommandLine: 'node ([^']+)'/.exec(bicep)?.[1];
    expect(start).toBe('dist/bot/src/index.js');
    expect(read('scripts/stage.ts')).toContain(`'${start}'`);
  });

  it('gives the tab one Application ID URI everywhere: Entra, the manifest, Bicep and the local settings', () => {
    const entra = JSON.parse(read('infra/aad.manifest.json')) as {
      identifierUris: string[];
      oauth2Permissions: { value: string; id: string }[];
      preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
      signInAudience: string;
      accessTokenAcceptedVersion: number;
    };
    const manifest = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo: { id: string; resource: string } };
    const uri = 'api://${{APP_DOMAIN}}/botid-${{BOT_ID}}';
    expect(entra.identifierUris).toEqual([uri]);
    expect(manifest.webApplicationInfo).toEqual({ id: '${{AAD_APP_CLIENT_ID}}', resource: uri });
    expect(bicepAppSettings().get('AAD_APP_ID_URI')).toBe("'api://${webApp.properties.defaultHostName}/botid-${botAadAppClientId}'");
    expect(read('teamsapp.local.yml')).toContain(`AAD_APP_ID_URI: ${uri}`);

    const scope = entra.oauth2Permissions.find((p) => p.value === 'access_as_user');
    expect(scope?.id).toBe('${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}');
    // Teams desktop/mobile and web, Microsoft 365 web/desktop/mobile and Outlook clients.
    expect(entra.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual(
      [
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        '4765445b-32c6-49b0-83e6-1d93765276ca',
        '0ec893e0-5785-4de6-99da-4ed124e5296c',
        'd3590ed6-52b3-4102-aeff-aad2292ab01c',
        'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
        '27922004-5251-4030-b22d-91ecd9a37ea4',
      ].sort(),
    );
    for (const app of entra.preAuthorizedApplications) expect(app.permissionIds).toEqual([scope?.id]);
    // The validator accepts v2 tokens whose audience is the client id.
    expect(entra.accessTokenAcceptedVersion).toBe(2);
    expect(entra.signInAudience).toBe('AzureADMyOrg');
  });

  it('runs App Service the way the service expects: HTTPS only, TLS 1.2, always on, probed at /healthz', () => {
    for (const line of [
      'httpsOnly: true',
      "minTlsVersion: '1.2'",
      'alwaysOn: true',
      "healthCheckPath: '/healthz'",
      "linuxFxVersion: 'NODE|20-lts'",
      'allowSharedKeyAccess: false',
    ]) {
      expect(bicep).toContain(line);
    }
    expect(bicep).toMatch(/resource tableAccess[\s\S]*?storageTableDataContributor[\s\S]*?principalId: webApp\.identity\.principalId/);
  });
});
