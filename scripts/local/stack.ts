import path from 'node:path';
import { azuriteConnectionString } from '../../bot/src/config/config';
import { ROOT, findFreePort, httpStatusIs, portAnswers, requirePackageFile, spawnNode, waitUntil, type Child, type OutputMode } from './processes';

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
export async function startBotProcess(options: { port: number; env: NodeJS.ProcessEnv; output: OutputMode }): Promise<Child & { url: string }> {
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

/** The Microsoft 365 Agents Playground, forced onto loopback and pointed at the bot. */
export async function startPlayground(options: { port?: number; botEndpoint: string; output: OutputMode }): Promise<Child & { url: string; port: number }> {
  const cli = requirePackageFile('@microsoft/m365agentsplayground/cli.js', '@microsoft/m365agentsplayground');
  const port = options.port ?? (await findFreePort());
  const preload = path.join(ROOT, 'scripts', 'loopback.cjs');
  const child = spawnNode(
    'playground',
    [cli, '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'],
    { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(), BROWSER: 'none' },
    options.output,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(() => httpStatusIs(`${url}/_internal/v1/config`), 'The Agents Playground', 60_000, child);
  return { ...child, url, port };
}
