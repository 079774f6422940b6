import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { QuietPacer } from '../background/quietPacer';
import { silentLogger } from '../logging';
import { createHttpApp, listen } from './server';

describe('the HTTP edge and background work', () => {
  let server: Server;
  let base: string;
  let release: () => void = () => {};
  let arrived: () => void = () => {};
  const pacer = new QuietPacer(20, 60_000, 1_000);

  beforeAll(async () => {
    const api = Router();
    api.get('/slow', async (_req, res) => {
      arrived();
      await new Promise<void>((resolve) => (release = resolve));
      res.json({ done: true });
    });
    const http = createHttpApp({ adapter: {} as never, app: {} as never, healthy: async () => true, log: silentLogger, pacer, api });
    server = await listen(http, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('holds background work back for as long as a person\'s request is in flight', async () => {
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    const answer = fetch(`${base}/api/slow`);
    await inHandler;
    // Longer than a quiet moment: only the request in flight keeps the pacer from granting.
    await new Promise((r) => setTimeout(r, 30));
    const start = Date.now();
    let grantedAt: number | undefined;
    const granted = pacer.turn(start).then((kind) => {
      grantedAt = Date.now();
      return kind;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(grantedAt).toBeUndefined();
    release();
    expect((await (await answer).json()) as unknown).toEqual({ done: true });
    expect(await granted).toBe('quiet');
    expect(grantedAt! - start).toBeGreaterThanOrEqual(215);
  });

  it('does not count the health probe as someone waiting', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 25));
    const start = Date.now();
    expect(await pacer.turn(start)).toBe('quiet');
    expect(Date.now() - start).toBeLessThan(15);
  });
});
