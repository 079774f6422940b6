import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { StartupError, ROOT, assertPortFree, type Child } from './local/processes';
import { startAzurite, startBotProcess, startPlayground, startTabDevServer } from './local/stack';
import { parseEnvFile } from './package/manifestPackage';

/*
 * The local stack: Azurite (persisted under .data/, or COMMONPLACE_DATA_DIR), the bot
 * service, the Agents Playground and the tab's dev server, all on loopback. Ctrl-C stops
 * them all.
 *
 * With .localConfigs present (written by `teamsapp deploy --env local`, see
 * teamsapp.local.yml) the service runs for a real Teams client behind a dev tunnel
 * instead: with the bot's credentials and single sign-on, serving the built tab, and
 * without the Playground.
 */

const LOCAL_CONFIGS = path.join(ROOT, '.localConfigs');
/** Where Azurite's data, the logs and the Playground's files are kept. */
const DATA_DIR = path.resolve(ROOT, process.env.COMMONPLACE_DATA_DIR || '.data');
const LOGS = path.join(DATA_DIR, 'logs');

/** The ports `npm start` may use, each with the variable that moves it. */
const PORTS = {
  storage: { variable: 'AZURITE_TABLE_PORT', fallback: 10002, what: 'storage emulator' },
  bot: { variable: 'PORT', fallback: 3978, what: 'bot service' },
  playground: { variable: 'PLAYGROUND_PORT', fallback: 56150, what: 'Agents Playground' },
  tab: { variable: 'TAB_PORT', fallback: 53000, what: 'community tab' },
} as const;
type PortName = keyof typeof PORTS;

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new StartupError(`${name} must be a port number from 1 to 65535 (got "${raw}").`);
  return value;
}

/** Reads every port's setting first, so a malformed one is reported before anything is probed, then checks each is free. */
async function freePorts<K extends PortName>(names: K[]): Promise<Record<K, number>> {
  const chosen = Object.fromEntries(names.map((name) => [name, port(PORTS[name].variable, PORTS[name].fallback)])) as Record<K, number>;
  for (const name of names) await assertPortFree(chosen[name], PORTS[name].what, PORTS[name].variable);
  return chosen;
}

/** A path as a person reads it: relative inside the project, absolute outside it. */
function shown(location: string): string {
  const relative = path.relative(ROOT, location);
  return relative.startsWith('..') || path.isAbsolute(relative) ? location : relative;
}

const children: Child[] = [];
let stopping = false;

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping Commonplace…\n');
  await stopChildren();
  process.exit(code);
}

function watchSignals(): void {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
}

/** One process dying takes the rest down, so nothing is left half-running. */
function watchChildren(): void {
  for (const child of children) {
    void child.exited.then((code) => {
      if (stopping) return;
      process.stderr.write(`\nThe ${child.name} process stopped unexpectedly (exit ${code}); stopping the rest.\n`);
      void stopAll(1);
    });
  }
}

async function stopChildren(): Promise<void> {
  await Promise.all([...children].reverse().map((c) => c.stop()));
}

/** Azurite persisted in the data folder, then the bot service against it. */
async function startStorageAndBot(ports: { storage: number; bot: number }, settings: Record<string, string> = {}) {
  const storage = await startAzurite({
    port: ports.storage,
    location: path.join(DATA_DIR, 'azurite'),
    output: { kind: 'file', dir: LOGS },
  });
  children.push(storage);
  const bot = await startBotProcess({
    port: ports.bot,
    env: { ...process.env, ...settings, NODE_ENV: 'development', STORAGE_CONNECTION_STRING: storage.connectionString },
    output: { kind: 'prefix' },
  });
  children.push(bot);
  return { storage, bot };
}

/** Runs the service for Teams through a tunnel, with the settings teamsapp.local.yml wrote. */
async function startForTeams(ports: { storage: number; bot: number }): Promise<void> {
  const settings = parseEnvFile(readFileSync(LOCAL_CONFIGS, 'utf8'), '.localConfigs');
  const tabDir = path.resolve(ROOT, settings.TAB_DIR ?? 'dist/tab');
  if (!existsSync(path.join(tabDir, 'index.html'))) {
    throw new StartupError(
      `The tab is not built (${path.relative(ROOT, tabDir)}/index.html is missing): run "npm run build", or "teamsapp deploy --env local" which builds it.`,
    );
  }
  process.stdout.write('Starting Commonplace for Teams (settings from .localConfigs)…\n');
  const { bot } = await startStorageAndBot(ports, settings);
  process.stdout.write(
    [
      '',
      `Commonplace is listening on ${bot.url} for your dev tunnel (bot ${settings.BOT_ID ?? '?'}).`,
      '  Upload appPackage/build/appPackage.local.zip in Teams (Apps > Manage your apps > Upload an app),',
      '  add it to a team, and use "Save to community" and the community tab there.',
      `Storage logs: ${shown(LOGS)}/. Press Ctrl-C to stop. Delete .localConfigs to go back to the Agents Playground.`,
      '',
    ].join('\n'),
  );
}

/** Runs the whole stack on this machine, with the Agents Playground standing in for Teams. */
async function startWithPlayground(ports: Record<PortName, number>): Promise<void> {
  process.stdout.write('Starting Commonplace locally…\n');
  // Cards link to the tab's dev server, which opens the card a link names.
  const { storage, bot } = await startStorageAndBot(ports, { TAB_URL: `http://localhost:${ports.tab}/` });
  const playground = await startPlayground({
    port: ports.playground,
    botEndpoint: `${bot.url}/api/messages`,
    workDir: path.join(DATA_DIR, 'playground'),
    output: { kind: 'file', dir: LOGS },
  });
  children.push(playground);
  const tab = await startTabDevServer({ port: ports.tab, apiUrl: bot.url, output: { kind: 'file', dir: LOGS } });
  children.push(tab);
  process.stdout.write(
    [
      '',
      'Commonplace is running on this machine only (127.0.0.1):',
      `  Agents Playground (open this)   ${playground.url}`,
      `  Community tab                   ${tab.url}   (the Playground channel's community, as Alex Wilber)`,
      `  Bot service                     ${bot.url}   health: ${bot.url}/healthz`,
      `  Storage (Azurite, Table)        http://127.0.0.1:${storage.port}   data kept in ${shown(path.join(DATA_DIR, 'azurite'))}`,
      '',
      'Try first:',
      '  1. In the Playground, switch to the team channel and post a helpful message (reply to it too).',
      '  2. Open the message\'s "…" menu and choose "Save to community"; tick replies to include them.',
      '  3. From the message box\'s apps, search "Search community knowledge" and insert the card.',
      `  4. Open the community tab at ${tab.url}: the card is there to curate, verify and celebrate.`,
      '  5. In the channel, send "@<bot> rituals"; then create a ritual in the tab\'s Rituals view and watch its reminders arrive.',
      '',
      `Logs of storage, Playground and tab: ${shown(LOGS)}/. Press Ctrl-C to stop.`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (existsSync(LOCAL_CONFIGS)) {
    const ports = await freePorts(['storage', 'bot']);
    watchSignals();
    await startForTeams(ports);
  } else {
    const ports = await freePorts(['storage', 'bot', 'playground', 'tab']);
    watchSignals();
    await startWithPlayground(ports);
  }
  watchChildren();
}

main().catch(async (error) => {
  if (error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Commonplace could not start: ${(error as Error)?.message ?? error}\n`);
  }
  await stopChildren();
  process.exit(1);
});
