import { useCallback, useState } from 'react';
import type { CardDetail } from '../../api/contract';
import { ApiError, messageOf } from '../../api/errors';
import { useResource } from '../../hooks/useResource';
import { useApp } from '../../session/AppContext';

/** Feedback shown at the top of the card after an action. */
export interface Notice {
  intent: 'success' | 'warning' | 'error';
  text: string;
}

/** How a change ended, for the edit form to react (field messages, leaving edit mode). */
export type ChangeResult = { ok: true } | { ok: false; conflict: boolean; fieldErrors: Record<string, string> };

/** The message people see when their change met someone else's. */
export const CONFLICT_MESSAGE = 'Someone else changed this card; here is the latest version.';

/**
 * Loads a card and runs changes to it. Every change carries the version the person saw;
 * when someone else changed the card meanwhile (409), the latest version is loaded and
 * shown with a notice instead of overwriting their work.
 */
export function useCardDetail(cardId: string, onChanged: (card: CardDetail) => void) {
  const { api, community } = useApp();
  const [card, reload, replace] = useResource(() => api.getCard(community.key, cardId), [api, community.key, cardId]);
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState<string>();

  const change = useCallback(
    async (name: string, call: (current: CardDetail) => Promise<CardDetail | undefined>, success: string): Promise<ChangeResult> => {
      if (card.status !== 'ready' || busy) return { ok: false, conflict: false, fieldErrors: {} };
      setBusy(name);
      setNotice(undefined);
      try {
        const changed = (await call(card.data)) ?? (await api.getCard(community.key, cardId));
        replace(changed);
        onChanged(changed);
        setNotice({ intent: 'success', text: success });
        return { ok: true };
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'conflict') {
          try {
            const latest = await api.getCard(community.key, cardId);
            replace(latest);
            onChanged(latest);
          } catch {
            // The notice below still tells the person; Retry in the error state reloads.
          }
          setNotice({ intent: 'warning', text: CONFLICT_MESSAGE });
          return { ok: false, conflict: true, fieldErrors: {} };
        }
        setNotice({ intent: 'error', text: messageOf(error) });
        return { ok: false, conflict: false, fieldErrors: error instanceof ApiError ? error.fieldErrors : {} };
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, card, cardId, community.key, onChanged, replace],
  );

  return { card, reload, change, notice, setNotice, busy };
}
