import type { NextFunction, Request, Response } from 'express';
import type { ZodType, ZodTypeDef } from 'zod';
import type { CallerIdentity } from '../auth/identity';
import { callerOf } from '../auth/authenticate';
import { NotFoundError, ValidationError, type Subject } from '../domain/shared/errors';
import { isWellFormedId } from '../domain/shared/ids';
import type { OpenedCommunity } from '../domain/communities/communities';
import type { Actor } from '../domain/cards/curateCard';
import { issuesOf } from './problems';

/** Parses input with a contract schema. @throws ValidationError with every field problem. */
export function parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ValidationError(issuesOf(result.error));
  return result.data;
}

/** What a community route knows once its middleware ran. */
export interface CommunityLocals {
  caller: CallerIdentity;
  community: OpenedCommunity;
}

/** The caller and the community the route is about. */
export function communityOf(res: Response): CommunityLocals {
  const community = res.locals.community as OpenedCommunity | undefined;
  if (!community) throw new Error('the community middleware did not run');
  return { caller: callerOf(res), community };
}

/** The caller acting in the route's community. */
export function actorOf(res: Response): Actor {
  const { caller, community } = communityOf(res);
  return { person: caller.person, role: community.role };
}

/** What each route parameter names, for the 404 of an id that cannot be one. */
const PARAMETER_SUBJECTS: Record<string, Subject> = {
  key: 'community',
  cardId: 'card',
  personId: 'manager',
  id: 'ritual',
  occurrenceId: 'occurrence',
  itemId: 'item',
};

/**
 * A route parameter, checked to be an id before anything uses it.
 * @throws NotFoundError for a value that cannot be an id (a lone surrogate, a control
 * character, or, but in a community key, a character Table keys forbid):
 * nothing can be found at such an address.
 */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  if (!isWellFormedId(value, { keySafe: name !== 'key' })) throw new NotFoundError(PARAMETER_SUBJECTS[name] ?? 'page');
  return value;
}

/**
 * Refuses a query that gives a parameter more than once (`?q=a&q=b`): each parameter of
 * the API is one value, and which one was meant cannot be guessed.
 */
export function refuseRepeatedQueryParameters(req: Request, _res: Response, next: NextFunction): void {
  const repeated = Object.entries(req.query)
    .filter(([, value]) => Array.isArray(value))
    .map(([name]) => name);
  if (repeated.length) throw new ValidationError(repeated.map((name) => ({ field: name, message: `Give ${name} only once.` })));
  next();
}
