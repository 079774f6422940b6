import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { EntraTokenValidator, type EntraTokenSettings } from './entraTokenValidator';
import { TokenRejectedError, type TokenRejectionReason } from './tokenRejection';
import {
  ADA_OID,
  APPLICATION_ID_URI,
  CLIENT_ID,
  KEY_ID,
  OTHER_TENANT,
  TENANT,
  encodePart,
  signToken,
  signingKey,
  startFakeEntra,
  v1Issuer,
  type FakeEntra,
} from '../../../test-support/fakeEntra';

let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra();
});
afterAll(() => entra.close());

function validator(settings: Partial<EntraTokenSettings> = {}): EntraTokenValidator {
  return new EntraTokenValidator({
    clientId: CLIENT_ID,
    applicationIdUri: APPLICATION_ID_URI,
    allowedTenants: [TENANT],
    authorityHost: entra.authorityHost,
    ...settings,
  });
}

/** The rejection `validate` throws; fails the test if the token is accepted or something else is thrown. */
async function rejection(token: string | undefined, settings?: Partial<EntraTokenSettings>): Promise<TokenRejectedError> {
  const error = await validator(settings)
    .validate(token)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  if (!(error instanceof TokenRejectedError)) throw new Error(`expected a TokenRejectedError, got ${String(error)}`);
  return error;
}

const now = () => Math.floor(Date.now() / 1000);

describe('EntraTokenValidator accepts', () => {
  it.each([
    ['a v2 token (v2 issuer, client id audience)', () => entra.v2Issuer(TENANT), CLIENT_ID],
    ['a v1 token (v1 issuer, Application ID URI audience)', () => v1Issuer(TENANT), APPLICATION_ID_URI],
    ['a v2 issuer with the Application ID URI audience', () => entra.v2Issuer(TENANT), APPLICATION_ID_URI],
    ['a v1 issuer with the client id audience', () => v1Issuer(TENANT), CLIENT_ID],
  ])('%s and returns the caller', async (_case, issuer, aud) => {
    const token = await entra.sign({ iss: issuer(), aud });

    await expect(validator().validate(token)).resolves.toEqual({
      tenantId: TENANT,
      person: { id: ADA_OID, name: 'Ada Lovelace' },
      development: false,
    });
  });

  it('a token whose scp lists the required scope among others', async () => {
    const token = await entra.sign({ scp: 'User.Read access_as_user openid' });
    await expect(validator().validate(token)).resolves.toMatchObject({ person: { id: ADA_OID } });
  });

  it('any tenant when told to, binding the issuer to that tenant', async () => {
    const token = await entra.sign({ tid: OTHER_TENANT, iss: entra.v2Issuer(OTHER_TENANT) });
    await expect(validator({ allowedTenants: 'any' }).validate(token)).resolves.toMatchObject({ tenantId: OTHER_TENANT });
  });

  it('a custom required scope', async () => {
    const token = await entra.sign({ scp: 'Cards.ReadWrite' });
    await expect(validator({ requiredScope: 'Cards.ReadWrite' }).validate(token)).resolves.toMatchObject({ tenantId: TENANT });
  });
});

describe('EntraTokenValidator names the caller', () => {
  it.each([
    ['preferred_username without name', { name: undefined }, 'ada@contoso.example'],
    [
      'upn when v1 has neither',
      { name: undefined, preferred_username: undefined, upn: 'ada.upn@contoso.example' },
      'ada.upn@contoso.example',
    ],
    ['"Someone" with no name at all', { name: undefined, preferred_username: undefined }, 'Someone'],
    ['"Someone" when name is blank', { name: '  ', preferred_username: undefined }, 'Someone'],
  ])('from %s', async (_case, claims, expected) => {
    const token = await entra.sign(claims);
    const caller = await validator().validate(token);
    expect(caller.person.name).toBe(expected);
  });
});

describe('EntraTokenValidator rejects', () => {
  const rejectedClaims: Array<[string, () => Record<string, unknown>, TokenRejectionReason]> = [
    ['an expired token', () => ({ exp: now() - 3600 }), 'expired'],
    ['a token not valid yet', () => ({ nbf: now() + 3600 }), 'not_yet_valid'],
    ['a token for another application', () => ({ aud: '99999999-9999-4999-8999-999999999999' }), 'audience'],
    ['a token without an audience', () => ({ aud: undefined }), 'audience'],
    ["another tenant's issuer with the allowed tid", () => ({ iss: entra.v2Issuer(OTHER_TENANT) }), 'issuer'],
    ["another tenant's v1 issuer with the allowed tid", () => ({ iss: v1Issuer(OTHER_TENANT) }), 'issuer'],
    ['a token without an issuer', () => ({ iss: undefined }), 'issuer'],
    ['an issuer from another authority', () => ({ iss: `https://login.example.net/${TENANT}/v2.0` }), 'issuer'],
    ['a tenant not allowed', () => ({ tid: OTHER_TENANT, iss: entra.v2Issuer(OTHER_TENANT) }), 'tenant'],
    ['a token with no tid', () => ({ tid: undefined }), 'tenant'],
    ['a tid that is not a GUID', () => ({ tid: '../../attacker.example/x' }), 'tenant'],
    ['a token with no scp (an app-only token)', () => ({ scp: undefined, roles: ['Cards.Read'] }), 'scope'],
    ['a token with another scope', () => ({ scp: 'User.Read' }), 'scope'],
    ['a scope that only contains the required one as a substring', () => ({ scp: 'access_as_user_admin' }), 'scope'],
    ['a token without exp', () => ({ exp: undefined }), 'malformed'],
    ['a token whose exp is not a number', () => ({ exp: 'tomorrow' }), 'malformed'],
    ['a token without oid', () => ({ oid: undefined }), 'malformed'],
  ];

  it.each(rejectedClaims)('%s', async (_case, claims, reason) => {
    const token = await entra.sign(claims());
    const error = await rejection(token);
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(401);
  });

  it('a tampered payload (signature no longer matches)', async () => {
    const [header, , signature] = (await entra.sign()).split('.');
    const forged = encodePart({ ...decodeClaims(await entra.sign()), oid: 'dddddddd-0000-4000-8000-00000000000d' });
    expect((await rejection(`${header}.${forged}.${signature}`)).reason).toBe('signature');
  });

  it('a token signed by another key under the published key id', async () => {
    const impostor = await signingKey(KEY_ID);
    expect((await rejection(await entra.sign({}, impostor))).reason).toBe('signature');
  });

  it('a token naming a key id the tenant does not publish', async () => {
    const unknown = await signingKey('unpublished-key');
    expect((await rejection(await entra.sign({}, unknown))).reason).toBe('signature');
  });

  it('an unsigned token (alg: none)', async () => {
    const token = `${encodePart({ alg: 'none', typ: 'JWT' })}.${encodePart(decodeClaims(await entra.sign()))}.`;
    expect((await rejection(token)).reason).toBe('algorithm');
  });

  it('an HS256 token, whatever the secret', async () => {
    const claims = decodeClaims(await entra.sign());
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: KEY_ID })
      .sign(new TextEncoder().encode('a shared secret of decent length!'));
    expect((await rejection(token)).reason).toBe('algorithm');
  });

  it('an RS512 token signed by the published key', async () => {
    const claims = decodeClaims(await entra.sign());
    expect((await rejection(await signToken(claims, entra.key, 'RS512'))).reason).toBe('algorithm');
  });

  it.each([
    ['undefined', undefined],
    ['an empty string', ''],
    ['whitespace', '   '],
  ])('a missing token (%s)', async (_case, token) => {
    const error = await rejection(token);
    expect(error.reason).toBe('missing');
    expect(error.status).toBe(401);
  });

  it.each([
    ['one part', () => 'notajwt'],
    ['two parts', () => 'abc.def'],
    ['four parts', () => 'a.b.c.d'],
    ['an empty header', () => `.${encodePart({ tid: TENANT })}.sig`],
    ['characters outside base64url', () => '!!!.###.$$$'],
    ['a header that is not JSON', () => `${encodePart('not json')}.${encodePart({})}.sig`],
    ['a payload that is not JSON', () => `${encodePart({ alg: 'RS256' })}.${encodePart('{"tid": ')}.sig`],
    ['a header that is a JSON array', () => `${encodePart(['RS256'])}.${encodePart({})}.sig`],
    ['a payload that is JSON null', () => `${encodePart({ alg: 'RS256' })}.${encodePart('null')}.sig`],
    ['an absurdly long token', () => `${encodePart({ alg: 'RS256' })}.${'A'.repeat(20_000)}.sig`],
  ])('a malformed token: %s', async (_case, token) => {
    const error = await rejection(token());
    expect(error.reason).toBe('malformed');
    expect(error.status).toBe(401);
  });

  it('without echoing the token or its claims in the message', async () => {
    const token = await entra.sign({ exp: now() - 3600 });
    const error = await rejection(token);
    expect(error.message).toBe('The token has expired.');
    expect(error.message).not.toContain(ADA_OID);
    expect(error.message).not.toContain(TENANT);
  });
});

describe('EntraTokenValidator clock skew', () => {
  it('accepts a token expired 2 minutes ago within the default 300 s tolerance', async () => {
    const token = await entra.sign({ exp: now() - 120 });
    await expect(validator().validate(token)).resolves.toMatchObject({ tenantId: TENANT });
  });

  it('rejects a token expired 10 minutes ago', async () => {
    const token = await entra.sign({ exp: now() - 600 });
    expect((await rejection(token)).reason).toBe('expired');
  });

  it('accepts a token valid from 2 minutes ahead', async () => {
    const token = await entra.sign({ nbf: now() + 120 });
    await expect(validator().validate(token)).resolves.toMatchObject({ tenantId: TENANT });
  });

  it('honours a configured tolerance', async () => {
    const token = await entra.sign({ exp: now() - 120 });
    expect((await rejection(token, { clockSkewSeconds: 60 })).reason).toBe('expired');
  });
});

describe('EntraTokenValidator signing keys', () => {
  it("fetches a tenant's keys once for many tokens", async () => {
    const tenant = 'eeeeeeee-0000-4000-8000-00000000000e';
    const once = validator({ allowedTenants: [tenant] });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => entra.sign({ tid: tenant, iss: entra.v2Issuer(tenant) })));

    for (const token of tokens) await once.validate(token);
    await Promise.all(tokens.map((token) => once.validate(token)));

    expect(entra.keyRequests(tenant)).toBe(1);
  });

  it("fetches the keys of the token's own tenant", async () => {
    const [first, second] = ['f1f1f1f1-0000-4000-8000-000000000001', 'f2f2f2f2-0000-4000-8000-000000000002'];
    const both = validator({ allowedTenants: [first, second] });

    await both.validate(await entra.sign({ tid: first, iss: v1Issuer(first) }));
    await both.validate(await entra.sign({ tid: second, iss: entra.v2Issuer(second) }));

    expect([entra.keyRequests(first), entra.keyRequests(second)]).toEqual([1, 1]);
  });

  it('fetches nothing for a tenant that is not allowed', async () => {
    const before = entra.requestedPaths.length;
    await rejection(await entra.sign({ tid: OTHER_TENANT, iss: entra.v2Issuer(OTHER_TENANT) }));
    await rejection(await entra.sign({ tid: '../../attacker.example/x' }));
    expect(entra.requestedPaths.length).toBe(before);
  });

  it('reports keys_unavailable (503) when the keys endpoint fails', async () => {
    const tenant = 'abababab-0000-4000-8000-00000000000b';
    entra.failing = true;
    try {
      const error = await rejection(await entra.sign({ tid: tenant, iss: entra.v2Issuer(tenant) }), { allowedTenants: [tenant] });
      expect(error.reason).toBe('keys_unavailable');
      expect(error.status).toBe(503);
      expect(entra.keyRequests(tenant)).toBe(1);
    } finally {
      entra.failing = false;
    }
  });

  it('reports keys_unavailable when nothing answers at the authority', async () => {
    const closed = await unusedLoopbackOrigin();
    const error = await rejection(await entra.sign({ iss: `${closed}/${TENANT}/v2.0` }), { authorityHost: closed });
    expect(error.reason).toBe('keys_unavailable');
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it("fetches through an injected key set factory, at the tenant's JWKS address", async () => {
    const asked: string[] = [];
    const viaFactory = validator({
      authorityHost: 'https://login.microsoftonline.com',
      keySets: (url) => {
        asked.push(url.href);
        return async () => entra.key.publicKey;
      },
    });
    const token = await entra.sign({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0` });

    await expect(viaFactory.validate(token)).resolves.toMatchObject({ tenantId: TENANT });
    expect(asked).toEqual([`https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`]);
  });
});

describe('EntraTokenValidator settings', () => {
  it.each<[string, Partial<EntraTokenSettings>]>([
    ['a client id that is not a GUID', { clientId: 'my-app' }],
    ['an empty Application ID URI', { applicationIdUri: ' ' }],
    ['an empty tenant list', { allowedTenants: [] }],
    ['a tenant that is not a GUID', { allowedTenants: ['contoso.onmicrosoft.com'] }],
    ['a scope list instead of one scope', { requiredScope: 'a b' }],
    ['a negative clock skew', { clockSkewSeconds: -1 }],
    ['plain HTTP to a remote authority', { authorityHost: 'http://login.microsoftonline.com' }],
    ['an authority with a path', { authorityHost: 'https://login.microsoftonline.com/common' }],
    ['an authority that is not a URL', { authorityHost: 'login.microsoftonline.com' }],
    ['a zero-sized key cache', { maxCachedTenants: 0 }],
  ])('refuses %s at construction', (_case, settings) => {
    expect(() => validator(settings)).toThrow(/EntraTokenSettings\./);
  });

  it('accepts the defaults', () => {
    expect(
      () => new EntraTokenValidator({ clientId: CLIENT_ID, applicationIdUri: APPLICATION_ID_URI, allowedTenants: 'any' }),
    ).not.toThrow();
  });
});

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** An origin on the loopback interface where nothing listens: bound, then released. */
async function unusedLoopbackOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
