import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTelemetry } from '../bot/src/telemetry/telemetry';

/*
 * A process that starts telemetry the way the service does (before express and http
 * are loaded), serves two routes, calls them over node:http so both the server and the
 * client side are traced, then shuts telemetry down, which must flush it. The telemetry
 * test reads what reached its fake ingestion endpoint. Settings come from the environment.
 */

const connectionString = process.env.TELEMETRY_TEST_CONNECTION_STRING;
if (!connectionString) throw new Error('TELEMETRY_TEST_CONNECTION_STRING is not set');

const telemetry = startTelemetry({ connectionString });

async function main(): Promise<void> {
  // Loaded only now, as bot/src/index.ts loads the service only after telemetry starts.
  const { default: express } = await import('express');
  const http = await import('node:http');

  const app = express();
  app.get('/api/echo', (req, res) => {
    res.json({ q: req.query.q, authorized: req.headers.authorization !== undefined });
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path, headers }, (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      });
      request.once('error', reject);
    });

  const echo = await get('/api/echo?q=secret-words', { authorization: 'Bearer secret-token' });
  const health = await get('/healthz');
  if (echo !== 200 || health !== 200) throw new Error(`unexpected statuses: echo ${echo}, healthz ${health}`);

  await new Promise<void>((resolve) => server.close(() => resolve()));
  await telemetry.shutdown();
  process.stdout.write('telemetry-probe: flushed\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`telemetry-probe: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
