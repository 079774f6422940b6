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
