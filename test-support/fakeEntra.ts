import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

/** Test ids: the app, the tenant the tests allow, and one they do not. */
export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const APPLICATION_ID_URI = 'api://contoso.example/botid-66666666-7777-8888-9999-000000000000';
export const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
export const OTHER_TENANT = 'bbbbbbbb-0000-4000-8000-000000000002';
export const ADA_OID = 'cccccccc-0000-4000-8000-00000000000a';
export const KEY_ID = 'test-signing-key';

/** An RSA key pair standing in for one of Entra's signing keys. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
}

/** Makes a fresh RS256 key pair under the given key id. */
export async function signingKey(kid: string = KEY_ID): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicKey };
}

/**
 * A stand-in for Entra's per-tenant JWKS endpoints, on the loopback interface only. Serves the
 * same keys for every tenant and counts requests per path, so tests can see what was fetched.
 */
export interface FakeEntra {
  /** The origin to use as the validator's authority host. */
  authorityHost: string;
  /** The key published and used by {@link FakeEntra.sign} unless told otherwise. */
  key: SigningKey;
  /** How many times the given tenant's keys were requested. */
  keyRequests(tenantId: string): number;
  /** Every path requested, in order. */
  requestedPaths: string[];
  /** While true, the keys endpoint answers 500. */
  failing: boolean;
  /** A token for Ada in {@link TENANT}; `claims` override or (with `undefined`) remove the defaults. */
  sign(claims?: Record<string, unknown>, key?: SigningKey): Promise<string>;
  /** The v2 issuer for a tenant, as Entra would write it for this authority. */
  v2Issuer(tenantId: string): string;
  close(): Promise<void>;
}

/** The v1 issuer Entra writes for a tenant. */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

/** Starts the stand-in on 127.0.0.1, on a port the system picks. */
export async function startFakeEntra(): Promise<FakeEntra> {
  const key = await signingKey();
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(key.publicKey)), kid: key.kid, use: 'sig', kty: 'RSA' }] });
  const requestedPaths: string[] = [];
  const state = { failing: false };

  const server: Server = createServer((req, res) => {
    requestedPaths.push(req.url ?? '');
    if (state.failing) {
      res.writeHead(500).end();
      return;
    }
    if (req.method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const v2Issuer = (tenantId: string) => `${authorityHost}/${tenantId}/v2.0`;

  return {
    authorityHost,
    key,
    requestedPaths,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    keyRequests: (tenantId) => requestedPaths.filter((path) => path === `/${tenantId}/discovery/v2.0/keys`).length,
    sign: (claims = {}, signWith = key) => signToken({ ...adaClaims(v2Issuer(TENANT)), ...claims }, signWith),
    v2Issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Claims like those of a Teams SSO token (v2) for Ada. */
function adaClaims(issuer: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: CLIENT_ID,
    iss: issuer,
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    tid: TENANT,
    oid: ADA_OID,
    scp: 'access_as_user',
    name: 'Ada Lovelace',
    preferred_username: 'ada@contoso.example',
    ver: '2.0',
  };
}

/** Signs the claims as they are: keys set to `undefined` are left out of the token. */
export async function signToken(claims: Record<string, unknown>, key: SigningKey, alg = 'RS256'): Promise<string> {
  const present = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)) as JWTPayload;
  return new SignJWT(present).setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** base64url of a JSON value, for hand-made tokens. */
export function encodePart(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}
