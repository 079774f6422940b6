import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT, findFreePort } from './local/processes';

/*
 * `npm start` as a person runs it (`node scripts/start.mjs`, which is what the npm
 * script runs), on ports of its own and with its data in a temporary folder: the
 * stack comes up on loopback only, Ctrl-C stops every process, and a taken or
 * malformed port, or a missing install, is one line.
 */

jest.setTimeout(240_000);

interface Launched {
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  interrupt: () => void;
}

function launch(env: Record<string, string>): Launched {
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { stdout: () => stdout, stderr: () => stderr, exited, interrupt: () => child.kill('SIGINT') };
}

async function until(check: () => boolean, what: string, timeoutMs: number, launched: Launched): Promise<void> {
  let ended = false;
  void launched.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (ended) throw new Error(`npm start ended before ${what}:\n${launched.stdout()}\n${launched.stderr()}`);
    if (Date.now() > deadline) throw new Error(`No ${what} within ${timeoutMs} ms:\n${launched.stdout()}\n${launched.stderr()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether something accepts connections on host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/** This machine's first address that is not loopback, if it has one. */
function networkAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('npm start', () => {
  let dataDir: string;
  let ports: { PORT: number; PLAYGROUND_PORT: number; TAB_PORT: number; AZURITE_TABLE_PORT: number };

  beforeAll(async () => {
    // With .localConfigs present, npm start runs for a real Teams client instead.
    expect(existsSync(path.join(ROOT, '.localConfigs'))).toBe(false);
    ports = {
      PORT: await findFreePort(),
      PLAYGROUND_PORT: await findFreePort(),
      TAB_PORT: await findFreePort(),
      AZURITE_TABLE_PORT: await findFreePort(),
    };
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'commonplace-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = (overrides: Record<string, string> = {}) => ({
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    COMMONPLACE_DATA_DIR: dataDir,
    ...overrides,
  });

  it('runs the four processes on the chosen ports, on loopback only, says what to open, and stops them all on Ctrl-C', async () => {
    const started = launch(env());
    try {
      await until(() => started.stdout().includes('Press Ctrl-C to stop.'), 'ready message', 180_000, started);
      const out = started.stdout();
      expect(out).toContain(`Agents Playground (open this)   http://127.0.0.1:${ports.PLAYGROUND_PORT}`);
      expect(out).toContain(`Community tab                   http://localhost:${ports.TAB_PORT}`);
      expect(out).toContain(
        `Bot service                     http://127.0.0.1:${ports.PORT}   health: http://127.0.0.1:${ports.PORT}/healthz`,
      );
      expect(out).toContain(
        `Storage (Azurite, Table)        http://127.0.0.1:${ports.AZURITE_TABLE_PORT}   data kept in ${path.join(dataDir, 'azurite')}`,
      );
      expect(out).toContain('Save to community');

      expect((await fetch(`http://127.0.0.1:${ports.PORT}/healthz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${ports.PLAYGROUND_PORT}/_debug/ping`)).text()).toBe('pong');
      expect((await fetch(`http://127.0.0.1:${ports.TAB_PORT}/`)).status).toBe(200);
      expect(await accepts('127.0.0.1', ports.AZURITE_TABLE_PORT)).toBe(true);
      expect(existsSync(path.join(dataDir, 'azurite'))).toBe(true);

      const address = networkAddress();
      if (address) {
        for (const port of Object.values(ports)) expect([port, await accepts(address, port)]).toEqual([port, false]);
      }
    } finally {
      started.interrupt();
    }
    expect(await started.exited).toBe(0);
    for (const port of Object.values(ports)) expect([port, await accepts('127.0.0.1', port)]).toEqual([port, false]);
  });

  it('explains a port that is taken in one line, and leaves nothing running', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.PORT, '127.0.0.1', resolve));
    try {
      const started = launch(env());
      expect(await started.exited).toBe(1);
      expect(started.stderr().trim()).toBe(
        `Port ${ports.PORT} (bot service) is already in use: stop whatever is using it, or choose another port with PORT=<port>.`,
      );
      for (const port of [ports.AZURITE_TABLE_PORT, ports.PLAYGROUND_PORT, ports.TAB_PORT])
        expect([port, await accepts('127.0.0.1', port)]).toEqual([port, false]);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('explains a missing install in one line', async () => {
    // The launcher looks for its packages from where it lies: a copy outside the project finds none.
    const bare = mkdtempSync(path.join(os.tmpdir(), 'commonplace-bare-'));
    try {
      copyFileSync(path.join(ROOT, 'scripts', 'start.mjs'), path.join(bare, 'start.mjs'));
      const run = spawnSync(process.execPath, [path.join(bare, 'start.mjs')], { cwd: bare, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toMatch(/^Missing tsx, azurite, .*: run "npm ci" first\.$/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('explains a malformed port setting in one line', async () => {
    const started = launch(env({ PLAYGROUND_PORT: 'fifty' }));
    expect(await started.exited).toBe(1);
    expect(started.stderr().trim()).toBe('PLAYGROUND_PORT must be a port number from 1 to 65535 (got "fifty").');
  });
});
