import { communityId, type CommunityRef } from '../domain/communities/community';
import { NotFoundError } from '../domain/shared/errors';
import { isWellFormedId } from '../domain/shared/ids';

/**
 * The tab addresses a community by an opaque key naming its team and channel. The
 * tenant is never part of it: it comes from the caller's token, so a key copied from
 * another tenant addresses a community of the caller's own tenant (which does not exist).
 */
export function communityKeyOf(ref: Pick<CommunityRef, 'teamId' | 'conversationId'>): string {
  return Buffer.from(JSON.stringify([ref.teamId ?? '', ref.conversationId]), 'utf8').toString('base64url');
}

/** The community a key names, in the caller's tenant. @throws NotFoundError for a key that is not one, or names ids Teams never gives. */
export function communityFromKey(key: string, tenantId: string): CommunityRef & { id: string } {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(key, 'base64url').toString('utf8'));
  } catch {
    throw new NotFoundError('community');
  }
  if (!Array.isArray(parts) || parts.length !== 2 || !parts.every((p) => isWellFormedId(p) && p.length <= 256)) {
    throw new NotFoundError('community');
  }
  const ref: CommunityRef = { scope: 'channel', tenantId, teamId: parts[0], conversationId: parts[1] };
  return { ...ref, id: communityId(ref) };
}
