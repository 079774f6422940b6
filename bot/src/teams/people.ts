import { TeamsInfo, type TurnContext } from 'botbuilder';
import { BoundedCache } from '../cache/boundedCache';
import type { Person } from '../domain/shared/person';
import type { Logger } from '../logging';

const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Entra object id is a GUID; Teams' other ids for a person (`29:…`, a client's own ids) are not. */
export function isEntraObjectId(id: string): boolean {
  return ENTRA_OBJECT_ID.test(id);
}

/** A roster answer changes only if the person leaves; an hour keeps lookups rare. */
const ROSTER_TTL_MS = 60 * 60_000;
const ROSTER_CACHE_MAX = 5_000;
/** Teams gives a message extension five seconds in all; the roster gets a part of it. */
const ROSTER_TIMEOUT_MS = 1_500;

/** Finds who a person named by another of Teams' ids is: their Entra object id. */
export interface PeopleResolver {
  /**
   * The person keyed by their Entra object id. A person named by an id that is not one
   * is looked up: first as the person acting in this turn, then in the conversation's
   * roster. When neither knows them they keep the id they came with, and it is logged.
   */
  resolve(context: TurnContext, person: Person): Promise<Person>;
}

/** Resolves people through the turn's own sender and the roster Teams keeps for the conversation (TeamsInfo.getMember). */
export function rosterPeople(log: Logger): PeopleResolver {
  const known = new BoundedCache<string>(ROSTER_CACHE_MAX, ROSTER_TTL_MS);
  return {
    async resolve(context, person) {
      if (isEntraObjectId(person.id)) return person;
      const from = context.activity.from;
      if (from?.aadObjectId && from.id === person.id) return { ...person, id: from.aadObjectId };
      const tenantId =
        (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ??
        context.activity.conversation?.tenantId ??
        '';
      const key = `${tenantId}\n${person.id}`;
      const cached = known.get(key);
      if (cached) return { ...person, id: cached };
      try {
        const member = await withTimeout(TeamsInfo.getMember(context, person.id), ROSTER_TIMEOUT_MS);
        if (member?.aadObjectId) {
          known.set(key, member.aadObjectId);
          return { ...person, id: member.aadObjectId };
        }
        log.warn('people.unresolved', { reason: 'no object id in roster' });
      } catch (error) {
        log.warn('people.unresolved', { reason: String((error as Error)?.message ?? error).slice(0, 200) });
      }
      return person;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
