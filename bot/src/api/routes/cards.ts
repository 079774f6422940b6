import { Router, type Request, type Response } from 'express';
import type { CardRepository } from '../../domain/cards/cardPorts';
import type { Clock } from '../../domain/shared/clock';
import type { TeamDirectory } from '../../domain/communities/communityPorts';
import { archiveCard, editCard, reassignOwner, restoreCard, verifyCard, type CardCommand } from '../../domain/cards/curateCard';
import { cardById, communityTags } from '../../domain/cards/readCards';
import { listCards } from '../../domain/search/searchCards';
import type { CardSearchEngine, KnowledgeGaps } from '../../domain/search/searchPorts';
import type { CardKind } from '../../domain/cards/knowledgeCard';
import {
  cardPageSchema,
  cardVersionSchema,
  editCardSchema,
  listCardsQuerySchema,
  reassignOwnerSchema,
  tagsSchema,
  type CardPageView,
} from '../contract';
import { actorOf, communityOf, param, parse } from '../context';
import { continuationFrom, cursorFor } from '../cursor';
import { presentCard, presentListItem } from '../presenters';

/** What the card routes need. */
export interface CardRouteDeps {
  cards: CardRepository;
  search: CardSearchEngine;
  gaps: KnowledgeGaps;
  clock: Clock;
  directory: TeamDirectory;
}

/** The knowledge view's routes: list and search, the whole card, curation and verification. */
export function cardRoutes(deps: CardRouteDeps): Router {
  const router = Router();

  router.get('/communities/:key/cards', async (req, res) => {
    const query = parse(listCardsQuerySchema, req.query);
    const { community } = communityOf(res);
    const continuation = query.cursor === undefined ? undefined : continuationFrom(query.cursor, query);
    const now = deps.clock.now();
    const page = await listCards(
      {
        communityId: community.profile.communityId,
        text: query.q,
        tag: query.tag,
        kind: query.kind as CardKind | undefined,
        status: query.status,
        continuation,
        take: query.take,
        now,
      },
      deps,
    );
    const body: CardPageView = {
      cards: page.hits.map((hit) => presentListItem(hit.card, now, hit.matched)),
      ...(page.continuation ? { nextCursor: cursorFor(page.continuation, query) } : {}),
    };
    res.json(cardPageSchema.parse(body));
  });

  router.get('/communities/:key/tags', async (_req, res) => {
    const { community } = communityOf(res);
    res.json(tagsSchema.parse({ tags: await communityTags({ communityId: community.profile.communityId }, deps) }));
  });

  router.get('/communities/:key/cards/:cardId', async (req, res) => {
    const { community } = communityOf(res);
    const card = await cardById({ communityId: community.profile.communityId, cardId: param(req, 'cardId') }, deps);
    res.json(presentCard(card, actorOf(res), deps.clock.now()));
  });

  router.patch('/communities/:key/cards/:cardId', async (req, res) => {
    // The schema refuses an owner here: managers change it through the owner route.
    const { version, ...edits } = parse(editCardSchema, req.body);
    const card = await editCard({ ...command(req, res, version), edits: { ...edits, kind: edits.kind as CardKind | undefined } }, deps);
    res.json(presentCard(card, actorOf(res), deps.clock.now()));
  });

  router.put('/communities/:key/cards/:cardId/owner', async (req, res) => {
    const { version, owner } = parse(reassignOwnerSchema, req.body);
    const { community } = communityOf(res);
    const team = { tenantId: community.ref.tenantId, teamId: community.ref.teamId ?? '' };
    const card = await reassignOwner({ ...command(req, res, version), team, owner }, deps);
    res.json(presentCard(card, actorOf(res), deps.clock.now()));
  });

  const curation = [
    ['archive', archiveCard],
    ['restore', restoreCard],
    ['verify', verifyCard],
  ] as const;
  for (const [action, useCase] of curation) {
    router.post(`/communities/:key/cards/:cardId/${action}`, async (req, res) => {
      const { version } = parse(cardVersionSchema, req.body);
      const card = await useCase(command(req, res, version), deps);
      res.json(presentCard(card, actorOf(res), deps.clock.now()));
    });
  }

  return router;
}

function command(req: Request, res: Response, version: string): CardCommand {
  const { community } = communityOf(res);
  return { communityId: community.profile.communityId, cardId: param(req, 'cardId'), expectedVersion: version, actor: actorOf(res) };
}
