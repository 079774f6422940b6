import { communityKeyOf } from '../bot/src/api/communityKey';
import { API_ROUTES } from '../bot/src/api/contract';
import type { TeamDirectory } from '../bot/src/domain/communities/communityPorts';
import { benchmarkQueries, seededRandom } from './fixtures';
import { measure, summarize, type LatencySummary } from './stats';

/** Everyone is a member of the benchmark's team: the API's membership check still runs on every call. */
export const benchDirectory = (teamId: string): TeamDirectory => ({
  roleOf: async (team) => (team.teamId === teamId ? 'member' : undefined),
});

/** One API scenario's figures. */
export interface ApiResult {
  scenario: string;
  concurrency: number;
  latency: LatencySummary;
}

/**
 * The tab's two hot calls at one community size: the first page of the knowledge view
 * (50 newest cards) and a search as a person types it, each over HTTP with the
 * development identity, so authentication, the membership check and presenting run too.
 */
export async function measureApi(
  serviceUrl: string,
  channel: { teamId: string; channelId: string },
  size: number,
  concurrency: number,
  total: number,
): Promise<ApiResult[]> {
  const key = communityKeyOf({ teamId: channel.teamId, conversationId: channel.channelId });
  const get = async (path: string) => {
    const response = await fetch(`${serviceUrl}${path}`);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
  };
  const list = await measure(total, concurrency, () => get(`${API_ROUTES.cards(key)}?take=50`));
  const queries = benchmarkQueries(seededRandom(13), total);
  const search = await measure(total, concurrency, (i) => get(`${API_ROUTES.cards(key)}?take=50&q=${encodeURIComponent(queries[i])}`));
  const label = size.toLocaleString('en-US');
  return [
    { scenario: `API list, 50 newest at ${label} cards`, concurrency, latency: summarize(list) },
    { scenario: `API search at ${label} cards`, concurrency, latency: summarize(search) },
  ];
}
