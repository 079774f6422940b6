import type { QueryKey } from './queryClient';
import { useQueryClient } from './useQuery';
import { useState } from 'react';
import { ApiError, messageOf } from '../api/errors';

/** Feedback shown at the top of a panel after an action. */
export interface Notice {
  intent: 'success' | 'warning' | 'error';
  text: string;
}

/** How a change ended, for forms and dialogs to react (field messages, closing, leaving edit mode). */
export type ChangeResult = { ok: true } | { ok: false; conflict: boolean; gone: boolean; fieldErrors: Record<string, string> };

/** What a change of a versioned resource needs to know about it. */
export interface VersionedResource<T> {
  /** The cache entry the panel shows. */
  queryKey: QueryKey;
  /** Reads it again, when a change's answer does not carry it. */
  read: () => Promise<T>;
  /** The cache entries that show it too (lists, tags): read again after every change. */
  shownIn: QueryKey[];
  /** What people read when their change met someone else's (409). */
  conflictMessage: string;
  /** What people read when it was deleted under them (404); without it a 404 is an error like any other. */
  goneMessage?: string;
  /** The service's field messages in a 400, by the form's field names. */
  fieldErrors: (error: ApiError) => Record<string, string>;
  /** Said instead of the service's title when a 400 has field messages. */
  fieldsMessage?: string;
  initialNotice?: Notice;
}

/** How one change is told apart from an ordinary one. */
export interface ChangeOptions {
  /** The change deletes the resource: a 404 then means it is already gone, and the panel closes. */
  deletes?: boolean;
  /** Said on a conflict instead of the resource's conflict message. */
  conflictMessage?: string;
}

const REFUSED: ChangeResult = { ok: false, conflict: false, gone: false, fieldErrors: {} };

/**
 * Runs changes to a resource the person sees at a version. Every change carries that
 * version; when someone else changed it meanwhile (409), the latest version is read into
 * the cache and the person warned, instead of their change overwriting someone else's.
 * After any outcome the lists showing it are read again before the panel says how it
 * went, so the panel and the lists behind it agree. One change runs at a time: `busy`
 * names it.
 */
export function useVersionedChange<T>(current: T | undefined, resource: VersionedResource<T>) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | undefined>(resource.initialNotice);
  const [busy, setBusy] = useState<string>();
  const { queryKey, read, shownIn } = resource;

  // A failed read of a list surfaces in that list (its error state), not in this change.
  const refreshLists = () => Promise.all(shownIn.map((key) => queryClient.invalidate(key)));

  /**
   * Runs `call` on what the person sees and shows the outcome: `success` on success (none
   * when omitted), else why not. The answer, or a fresh read when the service sent none,
   * becomes what the panel shows.
   */
  async function change(
    name: string,
    call: (current: T) => Promise<T | undefined | void>,
    success: string | undefined,
    options: ChangeOptions = {},
  ): Promise<ChangeResult> {
    if (current === undefined || busy) return REFUSED;
    setBusy(name);
    setNotice(undefined);
    try {
      const answer = await call(current);
      if (options.deletes) {
        await refreshLists();
        return { ok: true };
      }
      const changed = answer ?? (await read());
      await refreshLists();
      queryClient.setQueryData(queryKey, changed);
      if (success) setNotice({ intent: 'success', text: success });
      return { ok: true };
    } catch (error) {
      const kind = error instanceof ApiError ? error.kind : undefined;
      if (kind === 'conflict') {
        // Without the latest version the warning still tells the person; Retry in the error state reads again.
        await Promise.all([queryClient.refetch(queryKey), refreshLists()]);
        setNotice({ intent: 'warning', text: options.conflictMessage ?? resource.conflictMessage });
        return { ok: false, conflict: true, gone: false, fieldErrors: {} };
      }
      if (kind === 'not-found' && options.deletes) {
        // Someone else deleted it first: what the person asked for is done.
        await refreshLists();
        return { ok: true };
      }
      if (kind === 'not-found' && resource.goneMessage) {
        await refreshLists();
        setNotice({ intent: 'error', text: resource.goneMessage });
        return { ok: false, conflict: false, gone: true, fieldErrors: {} };
      }
      const fieldErrors = error instanceof ApiError ? resource.fieldErrors(error) : {};
      const hasFields = Object.keys(fieldErrors).length > 0 && resource.fieldsMessage;
      setNotice({ intent: 'error', text: hasFields ? (resource.fieldsMessage ?? '') : messageOf(error) });
      return { ok: false, conflict: false, gone: false, fieldErrors };
    } finally {
      setBusy(undefined);
    }
  }

  /** Shows another reading of the resource (another occurrence's items, say) in place of the current one. */
  async function show(name: string, load: () => Promise<T>): Promise<void> {
    if (busy) return;
    setBusy(name);
    try {
      queryClient.setQueryData(queryKey, await load());
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error) });
    } finally {
      setBusy(undefined);
    }
  }

  return { change, show, notice, setNotice, busy };
}
