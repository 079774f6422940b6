import type { Router } from 'express';
import { authenticate } from '../auth/authenticate';
import { EntraTokenValidator } from '../auth/entraTokenValidator';
import type { AppConfig } from '../config/config';
import { PLAYGROUND } from '../directory/developmentTeamDirectory';
import type { CardRepository } from '../domain/cards/cardPorts';
import type { Clock } from '../domain/shared/clock';
import type { CommunityRepository, TeamDirectory } from '../domain/communities/communityPorts';
import type { ContributionRepository } from '../domain/contributors/contributorPorts';
import type { CardSearchEngine, KnowledgeGaps } from '../domain/search/searchPorts';
import type { Logger } from '../logging';
import { createApiRouter } from './apiRouter';
import type { RitualRouteDeps } from './routes/rituals';

/** What the service hands the API. */
export interface ApiParts {
  cards: CardRepository;
  communities: CommunityRepository;
  contributions: ContributionRepository;
  search: CardSearchEngine;
  gaps: KnowledgeGaps;
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
    cards: parts.cards,
    communities: parts.communities,
    contributions: parts.contributions,
    search: parts.search,
    gaps: parts.gaps,
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
