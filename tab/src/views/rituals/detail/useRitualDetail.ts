import { useQuery } from '../../../data/useQuery';
import { ritualQuery } from '../../../data/queries';
import { queryKeys } from '../../../data/queryKeys';
import { useVersionedChange, type Notice } from '../../../data/useVersionedChange';
import { useApp } from '../../../session/AppContext';

/** What people read when their change met someone else's. */
export const RITUAL_CONFLICT_MESSAGE =
  'Someone else changed this ritual while you were looking at it. Here is the latest version: check it, then try again.';
/** What people read when the service found problems with fields, each shown on its field. */
export const FIELDS_MESSAGE = 'Some of what you entered needs another look: see the messages on the fields.';
/** What people read when the ritual was deleted under them. */
export const RITUAL_GONE_MESSAGE = 'This ritual was deleted by someone else meanwhile.';

/**
 * Loads a ritual and runs manager changes to it, each with the version the person saw.
 * After a change the rituals list is read again, so it agrees with the ritual's page.
 */
export function useRitualDetail(ritualId: string, initialNotice?: Notice) {
  const { api, community } = useApp();
  const query = ritualQuery(api, community.key, ritualId);
  const ritual = useQuery(query);
  const { change, show, notice, setNotice, busy } = useVersionedChange(ritual.data, {
    queryKey: query.queryKey,
    read: () => api.getRitual(community.key, ritualId),
    shownIn: [queryKeys.ritualList(community.key)],
    conflictMessage: RITUAL_CONFLICT_MESSAGE,
    goneMessage: RITUAL_GONE_MESSAGE,
    fieldErrors: (error) => error.fieldErrorsByPath,
    fieldsMessage: FIELDS_MESSAGE,
    initialNotice,
  });

  /** Deletes the ritual; true once it is gone (also when someone else deleted it first). */
  const remove = async (): Promise<boolean> => {
    const result = await change('delete', (r) => api.deleteRitual(community.key, r.id, r.version), undefined, {
      deletes: true,
      conflictMessage: `${RITUAL_CONFLICT_MESSAGE} It was not deleted.`,
    });
    return result.ok;
  };

  /** Shows what was brought to another occurrence (a past one, say). */
  const showOccurrence = (occurrenceId: string) => show(`show-${occurrenceId}`, () => api.getRitual(community.key, ritualId, occurrenceId));

  return { ritual, change, remove, notice, setNotice, busy, showOccurrence };
}
