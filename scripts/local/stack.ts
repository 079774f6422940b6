import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { azuriteConnectionString } from '../../bot/src/config/config';
import {
  ROOT,
  findFreePort,
  httpStatusIs,
  portAnswers,
  requirePackageFile,
  spawnNode,
  waitUntil,
  type Child,
  type OutputMode,
} from './processes';

/** Azurite's Table service, running. */
export interface AzuriteHandle extends Child {
  port: number;
  connectionString: string;
}

/**
 * Starts Azurite's Table service on loopback: persisted under `location`, or in
 * memory when no location is given (tests).
 */
export async function startAzurite(options: { port?: number; location?: string; output: OutputMode }): Promise<AzuriteHandle> {
  const main = requirePackageFile('azurite/dist/src/table/main.js', 'azurite');
  const port = options.port ?? (await findFreePort());
  const args = [main, '--tableHost', '127.0.0.1', '--tablePort', String(port), '--disableTelemetry', '--skipApiVersionCheck', '--silent'];
  args.push(...(options.location ? ['--location', options.location] : ['--inMemoryPersistence']));
  const child = spawnNode('storage', args, { ...process.env }, options.output);
  await waitUntil(() => portAnswers(port), 'Azurite (storage)', 30_000, child);
  return { ...child, port, connectionString: azuriteConnectionString(port) };
}

/** The bot service as a separate process, as `npm start` runs it. */
export async function startBotProcess(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  output: OutputMode;
}): Promise<Child & { url: string }> {
  const tsx = requirePackageFile('tsx', 'tsx');
  void tsx;
  const child = spawnNode(
    'bot',
    ['--import', 'tsx', path.join(ROOT, 'bot', 'src', 'index.ts')],
    { ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    options.output,
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntil(() => httpStatusIs(`${url}/healthz`), 'The bot service', 60_000, child);
  return { ...child, url };
}

/**
 * The Microsoft 365 Agents Playground, forced onto loopback and pointed at the bot.
 * It writes its log under `workDir`, and would silently move to a random port if
 * its port were taken, so the port is checked first and confirmed after.
 */
export async function startPlayground(options: {
  port?: number;
  botEndpoint: string;
  workDir: string;
  output: OutputMode;
}): Promise<Child & { url: string; port: number }> {
  const cli = requirePackageFile('@microsoft/m365agentsplayground/cli.js', '@microsoft/m365agentsplayground');
  const port = options.port ?? (await findFreePort());
  mkdirSync(options.workDir, { recursive: true });
  const preload = path.join(ROOT, 'scripts', 'loopback.cjs');
  // Its own sign-in settings would make it call Entra over the internet: never pass them on.
  const { AUTH_CLIENT_ID: _id, AUTH_CLIENT_SECRET: _secret, AUTH_TENANT_ID: _tenant, ...env } = process.env;
  const url = `http://127.0.0.1:${port}`;
  const child = spawnNode(
    'playground',
    [
      cli,
      '--app-endpoint',
      options.botEndpoint,
      '--channel-id',
      'msteams',
      '--port',
      String(port),
      '--service-url',
      `${url}/_connector`,
      '--disable-telemetry',
    ],
    { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(), TEAMSAPPTESTER_BROWSER: 'none' },
    options.output,
    options.workDir,
  );
  await waitUntil(
    async () => (await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.text())) === 'pong',
    'The Agents Playground',
    60_000,
    child,
  );
  return { ...child, url, port };
}

/**
 * The tab's Vite dev server on loopback, reloading on every change, with `/api`
 * proxied to the bot service so the tab and its API share one origin.
 */
export async function startTabDevServer(options: {
  port?: number;
  apiUrl: string;
  output: OutputMode;
}): Promise<Child & { url: string; port: number }> {
  // Vite's package exports do not list its CLI, so find it beside its package.json.
  const vite = path.join(path.dirname(requirePackageFile('vite/package.json', 'vite')), 'bin', 'vite.js');
  const port = options.port ?? (await findFreePort());
  const url = `http://localhost:${port}`;
  const child = spawnNode(
    'tab',
    [vite, '--config', path.join(ROOT, 'tab', 'vite.config.ts'), '--clearScreen', 'false'],
    { ...process.env, TAB_PORT: String(port), COMMONPLACE_API_URL: options.apiUrl },
    options.output,
  );
  await waitUntil(
    async () => (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) })).ok,
    'The tab dev server',
    60_000,
    child,
  );
  return { ...child, url, port };
}
