import type { Router } from 'express';
import { authenticate } from '../auth/authenticate';
import { EntraTokenValidator } from '../auth/entraTokenValidator';
import type { AppConfig } from '../config/config';
import { PLAYGROUND } from '../directory/developmentTeamDirectory';
import type { CardRepository, Clock, TeamDirectory } from '../domain/ports';
import type { Logger } from '../logging';
import { TableCardRepository } from '../storage/tableCardRepository';
import { TableCommunityRepository } from '../storage/tableCommunityRepository';
import { TableContributionRepository } from '../storage/tableContributionRepository';
import type { Tables } from '../storage/tables';
import { createApiRouter } from './apiRouter';
import type { RitualRouteDeps } from './routes/rituals';

/** What the service hands the API. */
export interface ApiParts {
  tables: Tables;
  cards: TableCardRepository;
  clock: Clock;
  log: Logger;
  /** Who belongs to which team. */
  directory: TeamDirectory;
  /** The rituals' repositories, planner and channel status. */
  rituals: Omit<RitualRouteDeps, 'clock'>;
}

/** The tab's API, put together for this configuration. */
export function composeApi(config: AppConfig, parts: ApiParts): Router {
  return createApiRouter({
    cards: withListingRefreshed(parts.cards, parts.log),
    communities: new TableCommunityRepository(parts.tables.communities),
    contributions: new TableContributionRepository(parts.tables.contributions),
    directory: parts.directory,
    ...parts.rituals,
    clock: parts.clock,
    log: parts.log,
    authenticate: authenticationFor(config, parts.log),
    rateLimitPerMinute: config.apiRateLimitPerMinute,
    ...(config.developmentIdentity
      ? { developmentChannel: { teamId: PLAYGROUND.teamId, channelId: PLAYGROUND.channelId, channelName: PLAYGROUND.channelName } }
      : {}),
  });
}

/**
 * The cards as the tab changes them: a changed card's listing and search rows are
 * brought up to date before the answer goes out, so the person who changed it sees the
 * change in the list they return to. The bot's saves keep indexing in the background.
 */
function withListingRefreshed(cards: TableCardRepository, log: Logger): CardRepository {
  return {
    create: (card) => cards.create(card),
    get: (communityId, cardId) => cards.get(communityId, cardId),
    search: (communityId, plan, skip, take, filter) => cards.search(communityId, plan, skip, take, filter),
    recent: (communityId, skip, take, filter) => cards.recent(communityId, skip, take, filter),
    browse: (communityId, plan, take, continuation, filter) => cards.browse(communityId, plan, take, continuation, filter),
    tags: (communityId, max) => cards.tags(communityId, max),
    async replace(card, credits, previous) {
      const stored = await cards.replace(card, credits, previous);
      // The change itself is saved; if this fails, the scheduled indexing catches up.
      await cards.indexer.indexNow(card.communityId, card.id).catch((error) => log.warn('index.refresh_failed', { error: String((error as Error)?.message ?? error) }));
      return stored;
    },
  };
}

/**
 * Signs API callers in: Teams single sign-on tokens when configured; otherwise, in local
 * development on loopback only (the config module enforces both), the Playground's user.
 */
function authenticationFor(config: AppConfig, log: Logger) {
  if (config.sso) return authenticate({ validator: new EntraTokenValidator(config.sso), log });
  if (!config.developmentIdentity) throw new Error('The API needs single sign-on settings outside local development');
  return authenticate({
    developmentIdentity: { tenantId: PLAYGROUND.tenantId, person: { ...PLAYGROUND.user }, development: true },
    log,
  });
}
