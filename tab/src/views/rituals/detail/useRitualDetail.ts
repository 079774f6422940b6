import { useCallback, useState } from 'react';
import type { RitualDetail } from '../../../api/contract';
import { ApiError, messageOf } from '../../../api/errors';
import { useResource } from '../../../hooks/useResource';
import { useApp } from '../../../session/AppContext';

/** Feedback shown at the top of a ritual's page after an action. */
export interface Notice {
  intent: 'success' | 'warning' | 'error';
  text: string;
}

/** How a change ended, for forms and dialogs to react (field messages, closing). */
export type ChangeResult = { ok: true } | { ok: false; conflict: boolean; gone: boolean; fieldErrors: Record<string, string> };

/** What people read when their change met someone else's. */
export const RITUAL_CONFLICT_MESSAGE =
  'Someone else changed this ritual while you were looking at it. Here is the latest version: check it, then try again.';
/** What people read when the service found problems with fields, each shown on its field. */
export const FIELDS_MESSAGE = 'Some of what you entered needs another look: see the messages on the fields.';
/** What people read when the ritual was deleted under them. */
export const RITUAL_GONE_MESSAGE = 'This ritual was deleted by someone else meanwhile.';

/**
 * Loads a ritual and runs manager changes to it. Every change carries the version the
 * person saw: on 409 the latest version is loaded and they are told, instead of their
 * change overwriting someone else's.
 */
export function useRitualDetail(ritualId: string, onChanged: () => void, initialNotice?: Notice) {
  const { api, community } = useApp();
  const [ritual, reload, replace] = useResource(() => api.getRitual(community.key, ritualId), [api, community.key, ritualId]);
  const [notice, setNotice] = useState<Notice | undefined>(initialNotice);
  const [busy, setBusy] = useState<string>();

  const change = useCallback(
    async (name: string, call: (current: RitualDetail) => Promise<RitualDetail | undefined>, success: string): Promise<ChangeResult> => {
      if (ritual.status !== 'ready' || busy) return { ok: false, conflict: false, gone: false, fieldErrors: {} };
      setBusy(name);
      setNotice(undefined);
      try {
        const changed = (await call(ritual.data)) ?? (await api.getRitual(community.key, ritualId));
        replace(changed);
        onChanged();
        setNotice({ intent: 'success', text: success });
        return { ok: true };
      } catch (error) {
        const kind = error instanceof ApiError ? error.kind : undefined;
        if (kind === 'conflict') {
          await api.getRitual(community.key, ritualId).then(replace, () => undefined);
          onChanged();
          setNotice({ intent: 'warning', text: RITUAL_CONFLICT_MESSAGE });
          return { ok: false, conflict: true, gone: false, fieldErrors: {} };
        }
        if (kind === 'not-found') {
          onChanged();
          setNotice({ intent: 'error', text: RITUAL_GONE_MESSAGE });
          return { ok: false, conflict: false, gone: true, fieldErrors: {} };
        }
        const fieldErrors = error instanceof ApiError ? error.fieldErrorsByPath : {};
        setNotice({ intent: 'error', text: Object.keys(fieldErrors).length ? FIELDS_MESSAGE : messageOf(error) });
        return { ok: false, conflict: false, gone: false, fieldErrors };
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, ritual, ritualId, community.key, onChanged, replace],
  );

  /** Deletes the ritual; true once it is gone (also when someone else deleted it first). */
  const remove = useCallback(async (): Promise<boolean> => {
    if (ritual.status !== 'ready' || busy) return false;
    setBusy('delete');
    setNotice(undefined);
    try {
      await api.deleteRitual(community.key, ritualId, ritual.data.version);
      return true;
    } catch (error) {
      const kind = error instanceof ApiError ? error.kind : undefined;
      if (kind === 'not-found') return true;
      if (kind === 'conflict') {
        await api.getRitual(community.key, ritualId).then(replace, () => undefined);
        setNotice({ intent: 'warning', text: `${RITUAL_CONFLICT_MESSAGE} It was not deleted.` });
      } else {
        setNotice({ intent: 'error', text: messageOf(error) });
      }
      return false;
    } finally {
      setBusy(undefined);
    }
  }, [api, busy, ritual, ritualId, community.key, replace]);

  /** Shows what was brought to another occurrence (a past one, say). */
  const showOccurrence = useCallback(
    async (occurrenceId: string) => {
      if (busy) return;
      setBusy(`show-${occurrenceId}`);
      try {
        replace(await api.getRitual(community.key, ritualId, occurrenceId));
      } catch (error) {
        setNotice({ intent: 'error', text: messageOf(error) });
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, community.key, replace, ritualId],
  );

  return { ritual, reload, change, remove, notice, setNotice, busy, showOccurrence };
}
