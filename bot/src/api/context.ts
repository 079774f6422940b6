import type { Request, Response } from 'express';
import type { ZodType, ZodTypeDef } from 'zod';
import type { CallerIdentity } from '../auth/identity';
import { callerOf } from '../auth/authenticate';
import { ValidationError } from '../domain/errors';
import type { OpenedCommunity } from '../domain/usecases/communities';
import type { Actor } from '../domain/usecases/curateCard';
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

/** A route parameter, as a string. */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}
