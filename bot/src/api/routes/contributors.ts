import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../domain/shared/clock';
import type { ContributionRepository } from '../../domain/contributors/contributorPorts';
import { contributorsReport } from '../../domain/contributors/contributors';
import { contributorPeriodSchema, contributorsSchema } from '../contract';
import { communityOf, parse } from '../context';

const querySchema = z.object({ period: contributorPeriodSchema.default('month') });

/** The contributors view: who shared, who was credited, who curated. */
export function contributorRoutes(deps: { contributions: ContributionRepository; clock: Clock }): Router {
  const router = Router();
  router.get('/communities/:key/contributors', async (req, res) => {
    const { period } = parse(querySchema, req.query);
    const { community } = communityOf(res);
    const report = await contributorsReport({ communityId: community.profile.communityId, period, now: deps.clock.now() }, deps);
    res.json(contributorsSchema.parse(report));
  });
  return router;
}
