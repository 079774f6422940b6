import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { StartupError, ROOT, assertPortFree, type Child } from './local/processes';
import { startAzurite, startBotProcess, startPlayground, startTabDevServer } from './local/stack';
import { parseEnvFile } from './package/manifestPackage';

/*
 * The local stack: Azurite (persisted under .data/), the bot service, and the Agents
 * Playground, all on 127.0.0.1. Ctrl-C stops all three.
 *
 * With .localConfigs present (written by `teamsapp deploy --env local`, see
 * teamsapp.local.yml) the service runs for a real Teams client behind a dev tunnel
 * instead: with the bot's credentials and single sign-on, serving the built tab, and
 * without the Playground.
 */

const LOCAL_CONFIGS = path.join(ROOT, '.localConfigs');

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new StartupError(`${name} must be a port number from 1 to 65535 (got "${raw}").`);
  return value;
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

/** Runs the service for Teams through a tunnel, with the settings teamsapp.local.yml wrote. */
async function startForTeams(storagePort: number, botPort: number): Promise<void> {
  const settings = parseEnvFile(readFileSync(LOCAL_CONFIGS, 'utf8'), '.localConfigs');
  const tabDir = path.resolve(ROOT, settings.TAB_DIR ?? 'dist/tab');
  if (!existsSync(path.join(tabDir, 'index.html'))) {
    throw new StartupError(`The tab is not built (${path.relative(ROOT, tabDir)}/index.html is missing): run "npm run build", or "teamsapp deploy --env local" which builds it.`);
  }
  const logs = path.join(ROOT, '.data', 'logs');
  process.stdout.write('Starting Commonplace for Teams (settings from .localConfigs)…\n');
  const storage = await startAzurite({ port: storagePort, location: path.join(ROOT, '.data', 'azurite'), output: { kind: 'file', dir: logs } });
  children.push(storage);
  const bot = await startBotProcess({
    port: botPort,
    env: { ...process.env, ...settings, NODE_ENV: 'development', STORAGE_CONNECTION_STRING: storage.connectionString },
    output: { kind: 'prefix' },
  });
  children.push(bot);
  process.stdout.write(
    [
      '',
      `Commonplace is listening on ${bot.url} for your dev tunnel (bot ${settings.BOT_ID ?? '?'}).`,
      '  Upload appPackage/build/appPackage.local.zip in Teams (Apps > Manage your apps > Upload an app),',
      '  add it to a team, and use "Save to community" and the community tab there.',
      `Storage logs: ${path.relative(ROOT, logs)}/. Press Ctrl-C to stop. Delete .localConfigs to go back to the Agents Playground.`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (existsSync(LOCAL_CONFIGS)) {
    const storagePort = port('AZURITE_TABLE_PORT', 10002);
    const botPort = port('PORT', 3978);
    await assertPortFree(storagePort, 'storage emulator', 'AZURITE_TABLE_PORT');
    await assertPortFree(botPort, 'bot service', 'PORT');
    watchSignals();
    await startForTeams(storagePort, botPort);
    watchChildren();
    return;
  }
  const ports = {
    bot: port('PORT', 3978),
    playground: port('PLAYGROUND_PORT', 56150),
    storage: port('AZURITE_TABLE_PORT', 10002),
    tab: port('TAB_PORT', 53000),
  };
  await assertPortFree(ports.storage, 'storage emulator', 'AZURITE_TABLE_PORT');
  await assertPortFree(ports.bot, 'bot service', 'PORT');
  await assertPortFree(ports.playground, 'Agents Playground', 'PLAYGROUND_PORT');
  await assertPortFree(ports.tab, 'community tab', 'TAB_PORT');

  watchSignals();

  const logs = path.join(ROOT, '.data', 'logs');
  process.stdout.write('Starting Commonplace locally…\n');
  const storage = await startAzurite({ port: ports.storage, location: path.join(ROOT, '.data', 'azurite'), output: { kind: 'file', dir: logs } });
  children.push(storage);
  const bot = await startBotProcess({
    port: ports.bot,
    env: { ...process.env, NODE_ENV: 'development', STORAGE_CONNECTION_STRING: storage.connectionString },
    output: { kind: 'prefix' },
  });
  children.push(bot);
  const playground = await startPlayground({
    port: ports.playground,
    botEndpoint: `${bot.url}/api/messages`,
    workDir: path.join(ROOT, '.data', 'playground'),
    output: { kind: 'file', dir: logs },
  });
  children.push(playground);
  const tab = await startTabDevServer({ port: ports.tab, apiUrl: bot.url, output: { kind: 'file', dir: logs } });
  children.push(tab);

  watchChildren();

  process.stdout.write(
    [
      '',
      'Commonplace is running on this machine only (127.0.0.1):',
      `  Agents Playground (open this)   ${playground.url}`,
      `  Community tab                   ${tab.url}   (the Playground channel's community, as Alex Wilber)`,
      `  Bot service                     ${bot.url}   health: ${bot.url}/healthz`,
      `  Storage (Azurite, Table)        http://127.0.0.1:${storage.port}   data kept in .data/azurite`,
      '',
      'Try first:',
      '  1. In the Playground, switch to the team channel and post a helpful message (reply to it too).',
      '  2. Open the message\'s "…" menu and choose "Save to community"; tick replies to include them.',
      '  3. From the message box\'s apps, search "Search community knowledge" and insert the card.',
      `  4. Open the community tab at ${tab.url}: the card is there to curate, verify and celebrate.`,
      '  5. In the channel, send "@<bot> rituals"; then create a ritual in the tab\'s Rituals view and watch its reminders arrive.',
      '',
      `Logs of storage, Playground and tab: ${path.relative(ROOT, logs)}/. Press Ctrl-C to stop.`,
      '',
    ].join('\n'),
  );
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
