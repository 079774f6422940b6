import type { ApiClient } from '../api/client';
import type { CommunityView, Me } from '../api/contract';
import { ApiError } from '../api/errors';
import { cardListQuery } from '../data/cardList';
import type { QueryClient } from '../data/queryClient';
import { tagsQuery } from '../data/queries';
import type { ChannelRef, Host } from '../host/host';

/** Where the tab stands once it knows who is looking and at which community. */
export type SessionOutcome =
  | { kind: 'ready'; me: Me; community: CommunityView; channel: ChannelRef; development: boolean }
  /** Outside Teams, against a service that is not in local development mode. */
  | { kind: 'not-in-teams' }
  /** Inside Teams, but not in a channel (a chat or a personal app), where there is no community. */
  | { kind: 'no-channel' };

/**
 * Starts the knowledge view's first reads (active cards, newest first, and the tags of its
 * filter) as soon as the community is known, into the cache entries the view reads: they
 * arrive while the page is still rendering. A failure shows in the view, which asks again.
 */
function prefetchFirstPage(queryClient: QueryClient, api: ApiClient, communityKey: string): void {
  queryClient.prefetch(cardListQuery(api, communityKey, { status: 'active' }));
  queryClient.prefetch(tagsQuery(api, communityKey));
}

/**
 * Signs in and finds the community: inside Teams from the Teams context; outside Teams
 * only when the service runs in local development mode, which names the channel to use.
 * The first page of cards starts loading into `queryClient` at once.
 */
export async function startSession(host: Host, api: ApiClient, queryClient: QueryClient): Promise<SessionOutcome> {
  if (host.inTeams) {
    if (!host.channel) return { kind: 'no-channel' };
    const channel = host.channel;
    const [me, community] = await Promise.all([api.me(), api.resolveCommunity(channel)]);
    prefetchFirstPage(queryClient, api, community.key);
    return { kind: 'ready', me, community, channel, development: me.development };
  }

  let me: Me;
  try {
    me = await api.me();
  } catch (error) {
    // Without a token a production service refuses us: the tab simply is not in Teams.
    if (error instanceof ApiError && (error.kind === 'unauthorized' || error.kind === 'forbidden')) return { kind: 'not-in-teams' };
    throw error;
  }
  if (!me.development || !me.developmentChannel) return { kind: 'not-in-teams' };
  const channel = me.developmentChannel;
  const community = await api.resolveCommunity(channel);
  prefetchFirstPage(queryClient, api, community.key);
  return { kind: 'ready', me, community, channel, development: true };
}
