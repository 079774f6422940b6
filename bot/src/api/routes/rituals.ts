import { Router, type Response } from 'express';
import { z } from 'zod';
import type { RitualItemRepository, RitualRepository, PostPlanner, ReminderChannels } from '../../domain/rituals/ritualPorts';
import {
  changeOccurrence,
  createRitual,
  deleteRitual,
  listRituals,
  openRitual,
  setRitualPaused,
  undoOccurrenceChange,
  updateRitual,
  type RitualScope,
  type RitualWithUpcoming,
} from '../../domain/rituals/manageRituals';
import { addItem, itemKindOf, listItems, removeItem, voteOnItem, type ItemScope } from '../../domain/rituals/ritualItems';
import type { Clock } from '../../domain/shared/clock';
import {
  occurrenceChangeSchema,
  ritualDetailSchema,
  ritualInputSchema,
  ritualItemInputSchema,
  ritualItemViewSchema,
  ritualPauseSchema,
  ritualsPageSchema,
  ritualUpdateSchema,
  ritualVersionSchema,
  ritualVoteSchema,
} from '../contract';
import { actorOf, communityOf, param, parse } from '../context';
import { presentItem, presentOccurrence, presentRitual, presentRitualDetail } from '../ritualPresenters';

/** What the ritual routes need. */
export interface RitualRouteDeps {
  rituals: RitualRepository;
  ritualItems: RitualItemRepository;
  planner: PostPlanner;
  reminderChannels: ReminderChannels;
  clock: Clock;
  newId: () => string;
  itemId: (parts: string[]) => string;
}

const versionQuery = z.object({ version: ritualVersionSchema });
const occurrenceQuery = z.object({ occurrence: z.string().max(64).optional() });

function scopeOf(res: Response): RitualScope {
  return { community: communityOf(res).community, actor: actorOf(res) };
}

/** The community's rituals: list, create, edit, pause, delete, reschedule, and what members bring. */
export function ritualRoutes(deps: RitualRouteDeps): Router {
  const router = Router();
  const base = '/communities/:key/rituals';

  const detail = async (res: Response, found: RitualWithUpcoming, occurrenceId?: string) => {
    const scope = scopeOf(res);
    const { ritual, upcoming } = found;
    const collects = itemKindOf(ritual) !== undefined;
    const occurrence = occurrenceId ?? upcoming.find((o) => o.status !== 'skipped')?.id;
    const items =
      collects && occurrence
        ? (await listItems({ communityId: ritual.communityId, ritualId: ritual.id, occurrenceId: occurrence, actor: scope.actor }, deps))
            .items
        : [];
    return ritualDetailSchema.parse(
      presentRitualDetail(ritual, upcoming, { occurrenceId: occurrence, items, collects }, scope.actor, found.past),
    );
  };
  const reopened = async (res: Response, ritualId: string) => detail(res, await openRitual(scopeOf(res), ritualId, deps));

  router.get(base, async (_req, res) => {
    const scope = scopeOf(res);
    const [{ rituals, upcoming }, reminders] = await Promise.all([
      listRituals(scope, deps),
      deps.reminderChannels.statusOf(scope.community.ref),
    ]);
    res.json(
      ritualsPageSchema.parse({
        rituals: rituals.map((r) => presentRitual(r.ritual, r.upcoming)),
        upcoming: upcoming.map(({ ritualId, occurrence }) => presentOccurrence(ritualId, occurrence)),
        reminders,
        can: { manage: scope.actor.role === 'manager' },
      }),
    );
  });

  router.post(base, async (req, res) => {
    const input = parse(ritualInputSchema, req.body);
    const ritual = await createRitual(scopeOf(res), input, deps);
    res.status(201).json(await reopened(res, ritual.id));
  });

  router.get(`${base}/:id`, async (req, res) => {
    const { occurrence } = parse(occurrenceQuery, req.query);
    res.json(await detail(res, await openRitual(scopeOf(res), param(req, 'id'), deps), occurrence));
  });

  router.put(`${base}/:id`, async (req, res) => {
    const { version, ...fields } = parse(ritualUpdateSchema, req.body);
    await updateRitual(scopeOf(res), param(req, 'id'), version, fields, deps);
    res.json(await reopened(res, param(req, 'id')));
  });

  router.delete(`${base}/:id`, async (req, res) => {
    const { version } = parse(versionQuery, req.query);
    await deleteRitual(scopeOf(res), param(req, 'id'), version, deps);
    res.status(204).end();
  });

  router.post(`${base}/:id/pause`, async (req, res) => {
    const { version, paused } = parse(ritualPauseSchema, req.body);
    await setRitualPaused(scopeOf(res), param(req, 'id'), version, paused, deps);
    res.json(await reopened(res, param(req, 'id')));
  });

  router.post(`${base}/:id/occurrences/:occurrenceId/change`, async (req, res) => {
    const { version, ...change } = parse(occurrenceChangeSchema, req.body);
    await changeOccurrence(scopeOf(res), param(req, 'id'), version, { ...change, occurrenceId: param(req, 'occurrenceId') }, deps);
    res.json(await reopened(res, param(req, 'id')));
  });

  router.delete(`${base}/:id/occurrences/:occurrenceId/change`, async (req, res) => {
    const { version } = parse(versionQuery, req.query);
    await undoOccurrenceChange(scopeOf(res), param(req, 'id'), version, param(req, 'occurrenceId'), deps);
    res.json(await reopened(res, param(req, 'id')));
  });

  const itemScope = (req: Parameters<typeof param>[0], res: Response): ItemScope => {
    const scope = scopeOf(res);
    return {
      communityId: scope.community.profile.communityId,
      ritualId: param(req, 'id'),
      occurrenceId: param(req, 'occurrenceId'),
      actor: scope.actor,
    };
  };
  const items = `${base}/:id/occurrences/:occurrenceId/items`;

  router.get(items, async (req, res) => {
    const scope = itemScope(req, res);
    const listed = await listItems(scope, deps);
    res.json({ items: listed.items.map((i) => ritualItemViewSchema.parse(presentItem(i, scope.actor))) });
  });

  router.post(items, async (req, res) => {
    const { text } = parse(ritualItemInputSchema, req.body);
    const scope = itemScope(req, res);
    const item = await addItem(scope, text, deps);
    res.status(201).json(ritualItemViewSchema.parse(presentItem(item, scope.actor)));
  });

  router.delete(`${items}/:itemId`, async (req, res) => {
    await removeItem(itemScope(req, res), param(req, 'itemId'), deps);
    res.status(204).end();
  });

  router.post(`${items}/:itemId/vote`, async (req, res) => {
    const { up } = parse(ritualVoteSchema, req.body);
    const scope = itemScope(req, res);
    const item = await voteOnItem(scope, param(req, 'itemId'), up, deps);
    res.json(ritualItemViewSchema.parse(presentItem(item, scope.actor)));
  });

  return router;
}
