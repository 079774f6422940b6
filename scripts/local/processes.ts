import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A problem starting the local stack, worded as the one line a person needs. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** A child process of the local stack. */
export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** Asks the process to stop, then forces it after a grace period. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** A free TCP port on loopback, chosen by the OS. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Fails with one clear line when a port is taken. */
export function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new StartupError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (${what}) is already in use: stop whatever is using it, or choose another port with ${envVar}=<port>.`
            : `Port ${port} (${what}) cannot be used (${error.code}): choose another with ${envVar}=<port>.`,
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Whether something accepts TCP connections on a loopback port. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until `check` passes, the child dies, or the time is up. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void child?.exited.then(() => {
    died = true;
  });
  while (Date.now() < deadline) {
    if (died)
      throw new StartupError(`${what} exited while starting${child ? `: see its log above or in .data/logs/${child.name}.log` : ''}.`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new StartupError(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} seconds.`);
}

/** Whether an HTTP GET answers with the given status. */
export async function httpStatusIs(url: string, status = 200): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return response.status === status;
}

/** Where a child's output goes: inherited with a prefix, into a log file, or nowhere. */
export type OutputMode = { kind: 'prefix' } | { kind: 'file'; dir: string } | { kind: 'ignore' };

/** Spawns a Node script as a child of the local stack, in its own process group. */
export function spawnNode(name: string, args: string[], env: NodeJS.ProcessEnv, output: OutputMode, cwd = ROOT): Child {
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    stdio: ['ignore', output.kind === 'ignore' ? 'ignore' : 'pipe', output.kind === 'ignore' ? 'ignore' : 'pipe'],
    detached: true,
  });
  if (output.kind === 'prefix') {
    const prefix = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) stream.write(`[${name}] ${line}\n`);
    };
    child.stdout?.on('data', (c: Buffer) => prefix(c, process.stdout));
    child.stderr?.on('data', (c: Buffer) => prefix(c, process.stderr));
  } else if (output.kind === 'file') {
    mkdirSync(output.dir, { recursive: true });
    const file = createWriteStream(path.join(output.dir, `${name}.log`), { flags: 'a' });
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    process: child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Resolves a package file, or fails with the one line that says to install. */
export function requirePackageFile(specifier: string, packageName: string): string {
  try {
    return require.resolve(specifier, { paths: [ROOT] });
  } catch {
    throw new StartupError(`${packageName} is not installed: run "npm ci" first.`);
  }
}
