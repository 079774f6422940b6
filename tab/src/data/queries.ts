import type { ApiClient } from '../api/client';
import type { CardDetail, ContributorPeriod, ContributorsView, RitualDetail, RitualsPage } from '../api/contract';
import type { QueryOptions } from './queryClient';
import { queryKeys } from './queryKeys';

/*
 * The tab's reads, each with its key: every view that shows the same thing reads the same
 * cache entry, and a change invalidates the entries it touched.
 */

export const cardQuery = (api: ApiClient, communityKey: string, cardId: string): QueryOptions<CardDetail> => ({
  queryKey: queryKeys.card(communityKey, cardId),
  queryFn: () => api.getCard(communityKey, cardId),
});

export const tagsQuery = (api: ApiClient, communityKey: string): QueryOptions<string[]> => ({
  queryKey: queryKeys.tags(communityKey),
  queryFn: () => api.tags(communityKey),
});

export const contributorsQuery = (api: ApiClient, communityKey: string, period: ContributorPeriod): QueryOptions<ContributorsView> => ({
  queryKey: queryKeys.contributors(communityKey, period),
  queryFn: () => api.contributors(communityKey, period),
});

export const ritualListQuery = (api: ApiClient, communityKey: string): QueryOptions<RitualsPage> => ({
  queryKey: queryKeys.ritualList(communityKey),
  queryFn: () => api.listRituals(communityKey),
});

export const ritualQuery = (api: ApiClient, communityKey: string, ritualId: string): QueryOptions<RitualDetail> => ({
  queryKey: queryKeys.ritual(communityKey, ritualId),
  queryFn: () => api.getRitual(communityKey, ritualId),
});
