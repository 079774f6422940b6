import { useQuery } from '../data/useQuery';
import { useMemo } from 'react';
import type { PersonView } from '../api/contract';
import { contributorsQuery } from '../data/queries';
import { useApp } from '../session/AppContext';

/** Me, then everyone else once each, by name. */
function knownPeople(me: PersonView, others: PersonView[]): PersonView[] {
  const byId = new Map<string, PersonView>();
  for (const p of others) if (p.id !== me.id && !byId.has(p.id)) byId.set(p.id, p);
  return [me, ...[...byId.values()].sort((a, b) => a.name.localeCompare(b.name))];
}

/**
 * The people the tab knows in this community, to choose among: you, its managers, its
 * contributors of all time and `also` (those already chosen), once each.
 */
export function useKnownPeople(also: PersonView[]): PersonView[] {
  const { api, community, me } = useApp();
  // Contributors widen the choice; without them (a failed read) the others remain.
  const contributors = useQuery(contributorsQuery(api, community.key, 'all'));
  return useMemo(
    () => knownPeople(me.person, [...community.managers, ...(contributors.data?.people.map((c) => c.person) ?? []), ...also]),
    [me.person, community.managers, contributors.data, also],
  );
}
