/**
 * Where a community lives. A channel's community is its tenant + team + channel;
 * a group chat and a personal chat are each a community of their own.
 */
export type CommunityScope = 'channel' | 'groupChat' | 'personal';

/** The identity of a community, independent of any Teams or storage type. */
export interface CommunityRef {
  scope: CommunityScope;
  tenantId: string;
  /** Set for channel communities. */
  teamId?: string;
  /** Channel id for channel communities; chat id for group and personal chats. */
  conversationId: string;
}

/**
 * A stable, readable id for a community. Tenant first, so that every key derived
 * from it isolates tenants at the storage level.
 */
export function communityId(ref: CommunityRef): string {
  switch (ref.scope) {
    case 'channel':
      return `${ref.tenantId}|channel|${ref.teamId ?? ''}|${ref.conversationId}`;
    case 'groupChat':
      return `${ref.tenantId}|groupChat|${ref.conversationId}`;
    case 'personal':
      return `${ref.tenantId}|personal|${ref.conversationId}`;
  }
}

/**
 * The community a {@link communityId} names, for an id that came back from a client (a
 * shared card's data); undefined for anything `communityId` would not have made.
 */
export function parseCommunityId(id: string): CommunityRef | undefined {
  const [tenantId, scope, ...rest] = id.split('|');
  if (!tenantId || rest.some((part) => !part)) return undefined;
  if (scope === 'channel' && rest.length === 2) return { scope, tenantId, teamId: rest[0], conversationId: rest[1] };
  if ((scope === 'groupChat' || scope === 'personal') && rest.length === 1) return { scope, tenantId, conversationId: rest[0] };
  return undefined;
}
