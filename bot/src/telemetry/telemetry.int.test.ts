import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../../../scripts/local/processes';

/*
 * Telemetry end to end, in a child process (the distro instruments a process once, and
 * only modules loaded after it): the child starts telemetry, serves and calls
 * `/api/echo?q=…` with a bearer token and `/healthz`, then shuts telemetry down. A fake
 * Application Insights ingestion endpoint records what arrives. It speaks HTTPS, as the
 * exporter turns an `http://` ingestion endpoint into `https://`: its certificate is made
 * for the run with openssl and trusted by the child through NODE_EXTRA_CA_CERTS.
 */

/** One Application Insights envelope, as much of it as the test reads. */
interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: { name?: string; url?: string; data?: string; properties?: Record<string, string> } };
}

interface Ingestion {
  url: string;
  /** Every POST body to /v2.1/track, decompressed, as text. */
  bodies: string[];
  /** Every envelope in those bodies. */
  envelopes: Envelope[];
  /** Requests that were not POSTs of telemetry to /v2.1/track. */
  strays: string[];
  close(): Promise<void>;
}

const CHILD_TIMEOUT_MS = 15_000;

/** The ingestion endpoint's body: a JSON array, or JSON lines; gzip-compressed or not. */
function envelopesOf(text: string): Envelope[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Envelope[];
  return trimmed
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Envelope);
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const gzipped = request.headers['content-encoding'] === 'gzip' || (raw[0] === 0x1f && raw[1] === 0x8b);
  return gzipped ? gunzipSync(raw) : raw;
}

/** A self-signed certificate for 127.0.0.1, written to `dir`. */
function makeCertificate(dir: string): { keyFile: string; certFile: string } {
  const keyFile = path.join(dir, 'ingestion-key.pem');
  const certFile = path.join(dir, 'ingestion-cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(`openssl (1.1.1 or later) is needed to make the fake ingestion endpoint's certificate: ${(error as Error).message}`);
  }
  return { keyFile, certFile };
}

async function startFakeIngestion(tls: { keyFile: string; certFile: string }): Promise<Ingestion> {
  const bodies: string[] = [];
  const envelopes: Envelope[] = [];
  const strays: string[] = [];
  const server: Server = createServer({ key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) }, (request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url?.split('?')[0] !== '/v2.1/track') {
        strays.push(`${request.method} ${request.url}`);
        response.writeHead(404).end();
        return;
      }
      const text = (await bodyOf(request)).toString('utf8');
      bodies.push(text);
      const received = envelopesOf(text);
      envelopes.push(...received);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ itemsReceived: received.length, itemsAccepted: received.length, errors: [] }));
    })().catch((error: unknown) => {
      // A body that is not telemetry fails the test through `strays`, not the server.
      strays.push(`${request.method} ${request.url}: ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    bodies,
    envelopes,
    strays,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs the probe to its end; fails if it exits badly or outlives CHILD_TIMEOUT_MS. */
function runProbe(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test-support', 'telemetryProbe.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The telemetry probe did not exit within ${CHILD_TIMEOUT_MS / 1000} s:\n${output}`));
    }, CHILD_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The environment without any telemetry settings of the machine running the tests. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(OTEL_|APPLICATIONINSIGHTS_|APPLICATION_INSIGHTS_|AZURE_MONITOR_)/.test(key)),
  );
}

describe('telemetry to Application Insights', () => {
  let ingestion: Ingestion;
  let tempDir: string;

  beforeAll(async () => {
    // The exporter keeps unsent telemetry under the temp directory and resends it
    // later: a directory of its own keeps runs from feeding each other.
    tempDir = mkdtempSync(path.join(tmpdir(), 'commonplace-telemetry-'));
    const tls = makeCertificate(tempDir);
    ingestion = await startFakeIngestion(tls);
    const { code, output } = await runProbe({
      ...cleanEnvironment(),
      TMPDIR: tempDir,
      NODE_EXTRA_CA_CERTS: tls.certFile,
      TELEMETRY_TEST_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${ingestion.url}`,
      // Every span sampled: the default rate limiter may drop a process's first
      // requests, which would let the /healthz assertion pass without meaning anything.
      OTEL_TRACES_SAMPLER: 'always_on',
    });
    if (code !== 0 || !output.includes('telemetry-probe: flushed'))
      throw new Error(`The telemetry probe failed (exit ${code}):\n${output}`);
  }, CHILD_TIMEOUT_MS + 5_000);

  afterAll(async () => {
    await ingestion?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  const ofType = (baseType: string) => ingestion.envelopes.filter((e) => e.data?.baseType === baseType);
  const mentions = (envelope: Envelope, fragment: string) => JSON.stringify(envelope.data?.baseData ?? {}).includes(fragment);

  it('sends the request to /api/echo under the cloud role "commonplace", its URL without the query', () => {
    const echoes = ofType('RequestData').filter((e) => mentions(e, '/api/echo'));
    expect(echoes).toHaveLength(1);
    const [echo] = echoes;
    expect(echo.tags?.['ai.cloud.role']).toBe('commonplace');
    expect(echo.data?.baseData?.name).toBe('GET /api/echo');
    expect(echo.data?.baseData?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/echo$/);
  });

  it('sends the outgoing call to /api/echo as a dependency, its URL without the query', () => {
    const calls = ofType('RemoteDependencyData').filter((e) => mentions(e, '/api/echo'));
    expect(calls).toHaveLength(1);
    expect(calls[0].data?.baseData?.data).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/echo$/);
  });

  it('keeps what a person typed and the bearer token out of every payload', () => {
    expect(ingestion.bodies.length).toBeGreaterThan(0);
    for (const body of ingestion.bodies) {
      expect(body).not.toContain('secret-words');
      expect(body).not.toContain('secret-token');
    }
  });

  it('does not trace the health probe it answered, though the call to it was traced', () => {
    expect(ofType('RequestData').filter((e) => mentions(e, '/healthz'))).toEqual([]);
    // The client side of the same call was recorded: tracing was on when it was served.
    expect(ofType('RemoteDependencyData').filter((e) => mentions(e, '/healthz'))).toHaveLength(1);
  });

  it('sends only to the track endpoint of the connection string', () => {
    expect(ingestion.strays).toEqual([]);
  });
});
