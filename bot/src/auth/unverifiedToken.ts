import { TokenRejectedError } from './tokenRejection';

/**
 * Node refuses request headers beyond 16 KiB by default, so no honest bearer token is longer;
 * refusing early bounds the work spent decoding hostile input.
 */
const MAX_TOKEN_LENGTH = 16 * 1024;

/** Strict: Node's base64url decoder silently skips characters outside the alphabet. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A compact JWT's header and claims, decoded but NOT verified: only for choosing how to verify it. */
export interface UnverifiedToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/**
 * Decodes a compact JWS (`header.payload.signature`) without trusting it. The signature may be
 * empty here, so that an unsigned (`alg: none`) token is reported as a refused algorithm rather
 * than as garbage.
 */
export function readUnverifiedToken(token: string): UnverifiedToken {
  if (token.length > MAX_TOKEN_LENGTH) throw malformed('The token is too long to be a Microsoft Entra ID token.');
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed('The token is not a JSON Web Token: it should have three dot-separated parts.');
  const [header, claims, signature] = parts as [string, string, string];
  if (header === '' || claims === '' || ![header, claims, signature].every((part) => BASE64URL.test(part))) {
    throw malformed('The token is not a JSON Web Token: its parts are not base64url.');
  }
  return { header: decodeJsonObject(header, 'header'), claims: decodeJsonObject(claims, 'claims') };
}

function decodeJsonObject(part: string, what: 'header' | 'claims'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw malformed(`The token's ${what} part is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`The token's ${what} part must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function malformed(message: string): TokenRejectedError {
  return new TokenRejectedError('malformed', message);
}
