/** Why a token was refused. A closed list, so callers and tests can rely on each value. */
export type TokenRejectionReason =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'audience'
  | 'issuer'
  | 'tenant'
  | 'scope'
  | 'signature'
  | 'algorithm'
  | 'keys_unavailable';

/**
 * Default wording per reason, for a developer or admin reading the API's response. Fixed text
 * only: a rejected token is untrusted input, so none of its content is echoed back.
 */
const DEFAULT_MESSAGES: Record<TokenRejectionReason, string> = {
  missing: 'No token was sent. Send the Teams SSO token as "Authorization: Bearer <token>".',
  malformed: 'The token is not a well-formed JSON Web Token.',
  expired: 'The token has expired.',
  not_yet_valid: 'The token is not valid yet. Check the clock of the machine that asked for it.',
  audience: 'The token was issued for another application.',
  issuer: 'The token was not issued by the Microsoft Entra ID tenant it names.',
  tenant: 'The token comes from a tenant this app does not serve.',
  scope: 'The token does not grant the scope this API requires.',
  signature: 'The token signature is not valid.',
  algorithm: 'The token is signed with an algorithm this API does not accept; only RS256 is.',
  keys_unavailable: "Microsoft Entra ID's signing keys could not be fetched, so the token could not be checked. Try again shortly.",
};

/**
 * The HTTP status a rejection deserves: the caller can fix a bad token (401), but not our failure
 * to fetch signing keys (503), which a retry may get past.
 */
export function rejectionStatus(reason: TokenRejectionReason): 401 | 503 {
  return reason === 'keys_unavailable' ? 503 : 401;
}

/** A token was refused. `message` is safe to return to the caller; `cause`, when set, is for the log only. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  /** The HTTP status to answer with. */
  readonly status: 401 | 503;

  constructor(
    readonly reason: TokenRejectionReason,
    message: string = DEFAULT_MESSAGES[reason],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = rejectionStatus(reason);
  }
}
