import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Response } from 'express';
import { authenticate, callerOf, type AuthenticateOptions } from './authenticate';
import { EntraTokenValidator } from './entraTokenValidator';
import type { CallerIdentity } from './identity';
import {
  ADA_OID,
  APPLICATION_ID_URI,
  CLIENT_ID,
  OTHER_TENANT,
  TENANT,
  startFakeEntra,
  type FakeEntra,
} from '../../../test-support/fakeEntra';

const DEVELOPER: CallerIdentity = { tenantId: 'local-dev-tenant', person: { id: 'local-dev-user', name: 'Developer' }, development: true };

let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra();
});
afterAll(() => entra.close());

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

function entraValidator(authorityHost = entra.authorityHost): EntraTokenValidator {
  return new EntraTokenValidator({ clientId: CLIENT_ID, applicationIdUri: APPLICATION_ID_URI, allowedTenants: [TENANT], authorityHost });
}

/** A real app on the loopback interface: `/whoami` behind the middleware answers the caller. */
async function serve(options: AuthenticateOptions): Promise<(headers?: Record<string, string>) => Promise<globalThis.Response>> {
  const app = express();
  app.get('/whoami', authenticate(options), (_req, res) => {
    res.json(callerOf(res));
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/whoami`;
  return (headers = {}) => fetch(url, { headers });
}

function recordingLog() {
  const events: Array<{ event: string; fields?: Record<string, unknown> }> = [];
  return { events, warn: (event: string, fields?: Record<string, unknown>) => void events.push({ event, fields }) };
}

describe('authenticate with a token validator', () => {
  it('lets a valid token through with the caller on res.locals', async () => {
    const get = await serve({ validator: entraValidator() });

    const response = await get({ authorization: `Bearer ${await entra.sign()}` });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tenantId: TENANT, person: { id: ADA_OID, name: 'Ada Lovelace' }, development: false });
  });

  it('accepts the scheme in any case', async () => {
    const get = await serve({ validator: entraValidator() });
    const response = await get({ authorization: `bEARER ${await entra.sign()}` });
    expect(response.status).toBe(200);
  });

  const refused: Array<[string, () => Promise<Record<string, string>>, string, string]> = [
    ['no Authorization header', async () => ({}), 'missing', 'Bearer'],
    ['a blank Authorization header', async () => ({ authorization: ' ' }), 'missing', 'Bearer'],
    [
      'another scheme',
      async () => ({ authorization: `Basic ${Buffer.from('ada:secret').toString('base64')}` }),
      'malformed',
      'Bearer error="invalid_token"',
    ],
    ['the scheme without a token', async () => ({ authorization: 'Bearer' }), 'malformed', 'Bearer error="invalid_token"'],
    ['two tokens', async () => ({ authorization: 'Bearer a.b.c d.e.f' }), 'malformed', 'Bearer error="invalid_token"'],
    ['a token that is not a JWT', async () => ({ authorization: 'Bearer not-a-jwt' }), 'malformed', 'Bearer error="invalid_token"'],
    [
      'an expired token',
      async () => ({ authorization: `Bearer ${await entra.sign({ exp: Math.floor(Date.now() / 1000) - 3600 })}` }),
      'expired',
      'Bearer error="invalid_token"',
    ],
    [
      'a token for another app',
      async () => ({ authorization: `Bearer ${await entra.sign({ aud: APPLICATION_ID_URI + '-other' })}` }),
      'audience',
      'Bearer error="invalid_token"',
    ],
    [
      'a token from a tenant not allowed',
      async () => ({ authorization: `Bearer ${await entra.sign({ tid: OTHER_TENANT, iss: entra.v2Issuer(OTHER_TENANT) })}` }),
      'tenant',
      'Bearer error="invalid_token"',
    ],
    [
      'a token without the scope',
      async () => ({ authorization: `Bearer ${await entra.sign({ scp: 'User.Read' })}` }),
      'scope',
      'Bearer error="invalid_token"',
    ],
  ];

  it.each(refused)('refuses %s with 401 problem+json', async (_case, headers, reason, challenge) => {
    const log = recordingLog();
    const get = await serve({ validator: entraValidator(), log });
    const sent = await headers();

    const response = await get(sent);

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not signed in', status: 401, reason });
    expect(body.detail).toEqual(expect.stringMatching(/\S/));
    expect(log.events).toEqual([{ event: 'auth.rejected', fields: { reason, status: 401 } }]);
  });

  it('says why in the detail, without echoing the token to the caller or the log', async () => {
    const log = recordingLog();
    const get = await serve({ validator: entraValidator(), log });
    const token = await entra.sign({ exp: Math.floor(Date.now() / 1000) - 3600 });

    const response = await get({ authorization: `Bearer ${token}` });

    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ detail: 'The token has expired.' });
    for (const part of token.split('.')) {
      expect(body).not.toContain(part);
      expect(JSON.stringify(log.events)).not.toContain(part);
    }
  });

  it('answers 503 when the signing keys cannot be fetched, and logs why without the token', async () => {
    entra.failing = true;
    try {
      const log = recordingLog();
      const get = await serve({ validator: entraValidator(), log });
      const token = await entra.sign();

      const response = await get({ authorization: `Bearer ${token}` });

      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(response.headers.get('retry-after')).toBe('30');
      expect(await response.json()).toMatchObject({ status: 503, reason: 'keys_unavailable', title: 'Sign-in unavailable' });
      expect(log.events).toEqual([
        { event: 'auth.rejected', fields: { reason: 'keys_unavailable', status: 503, cause: expect.stringContaining('200 OK') } },
      ]);
      expect(JSON.stringify(log.events)).not.toContain(token);
    } finally {
      entra.failing = false;
    }
  });
});

describe('authenticate with a development identity', () => {
  it('gives every request the development identity', async () => {
    const get = await serve({ developmentIdentity: DEVELOPER });
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(DEVELOPER);
  });

  it('ignores a bearer token, having nothing to check it against', async () => {
    const get = await serve({ developmentIdentity: DEVELOPER });
    const response = await get({ authorization: `Bearer ${await entra.sign()}` });
    expect(await response.json()).toEqual(DEVELOPER);
  });
});

describe('authenticate wiring', () => {
  it('refuses to be built with neither a validator nor a development identity', () => {
    expect(() => authenticate({})).toThrow(/validator/);
  });

  it('refuses to be built with both', () => {
    expect(() => authenticate({ validator: entraValidator(), developmentIdentity: DEVELOPER })).toThrow(/not both/);
  });

  it('refuses a development identity not marked as one', () => {
    expect(() => authenticate({ developmentIdentity: { ...DEVELOPER, development: false } })).toThrow(/development: true/);
  });
});

describe('callerOf', () => {
  it('throws when the middleware did not run', () => {
    expect(() => callerOf({ locals: {} } as Response)).toThrow(/authenticate/);
  });

  it('returns the caller the middleware set', () => {
    expect(callerOf({ locals: { caller: DEVELOPER } } as unknown as Response)).toBe(DEVELOPER);
  });
});
