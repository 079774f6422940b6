import { useQueryClient } from '../../../data/useQuery';
import { useCallback, useMemo, useState } from 'react';
import { ritualItemInputSchema, type RitualDetail, type RitualItemView } from '../../../api/contract';
import { ApiError, messageOf } from '../../../api/errors';
import { queryKeys } from '../../../data/queryKeys';
import { useApp } from '../../../session/AppContext';
import type { ItemCopy } from './itemCopy';

/** Questions by votes (ties: oldest first); problems and sign-ups in the order they came. */
export function sortItems(items: RitualItemView[]): RitualItemView[] {
  return [...items].sort((a, b) => {
    if (a.kind === 'question' && b.kind === 'question' && a.votes !== b.votes) return b.votes - a.votes;
    return a.createdAt.localeCompare(b.createdAt);
  });
}

/**
 * The items of a ritual's next occurrence and what members do with them: add, upvote,
 * remove. Each outcome is announced; a refusal (slots full, say) shows the service's words.
 * The items live in the ritual's cache entry, so its page shows them as they now are
 * when it is opened again.
 */
export function useRitualItems(ritual: RitualDetail, copy: ItemCopy | undefined) {
  const { api, community } = useApp();
  const queryClient = useQueryClient();
  const occurrenceId = ritual.itemsOccurrenceId;
  const items = useMemo(() => sortItems(ritual.items), [ritual.items]);
  const [busy, setBusy] = useState<string>();
  const [addError, setAddError] = useState<string>();
  const [listError, setListError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');

  // Changes the items of the occurrence they were read for; a page showing another one by now is left alone.
  const setItems = useCallback(
    (change: (items: RitualItemView[]) => RitualItemView[]) =>
      queryClient.setQueryData<RitualDetail>(queryKeys.ritual(community.key, ritual.id), (current) =>
        current && current.itemsOccurrenceId === occurrenceId ? { ...current, items: change(current.items) } : current,
      ),
    [community.key, occurrenceId, queryClient, ritual.id],
  );

  const add = useCallback(
    async (text: string): Promise<boolean> => {
      if (!occurrenceId || busy) return false;
      const parsed = ritualItemInputSchema.safeParse({ text });
      if (!parsed.success) {
        setAddError(parsed.error.issues[0]?.message);
        return false;
      }
      setBusy('add');
      setAddError(undefined);
      try {
        const item = await api.addRitualItem(community.key, ritual.id, occurrenceId, parsed.data.text);
        if (item) {
          setItems((all) => [...all, item]);
        } else {
          const latest = await api.ritualItems(community.key, ritual.id, occurrenceId);
          setItems(() => latest);
        }
        setAnnouncement(copy?.added ?? 'Added.');
        return true;
      } catch (error) {
        setAddError(messageOf(error));
        // Refused, perhaps because others got there first (the last slot, say): show the list as it is now.
        if (error instanceof ApiError && (error.kind === 'conflict' || error.kind === 'invalid')) {
          await api.ritualItems(community.key, ritual.id, occurrenceId).then(
            (latest) => setItems(() => latest),
            () => undefined,
          );
        }
        return false;
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, community.key, copy, occurrenceId, ritual.id, setItems],
  );

  const vote = useCallback(
    async (item: RitualItemView) => {
      if (!occurrenceId || busy) return;
      setBusy(item.id);
      setListError(undefined);
      try {
        const up = !item.votedByMe;
        const changed = (await api.voteRitualItem(community.key, ritual.id, occurrenceId, item.id, up)) ?? {
          ...item,
          votedByMe: up,
          votes: item.votes + (up ? 1 : -1),
        };
        setItems((all) => all.map((i) => (i.id === item.id ? changed : i)));
        setAnnouncement(up ? `Upvoted. ${changed.votes} ${changed.votes === 1 ? 'vote' : 'votes'}.` : 'Upvote taken back.');
      } catch (error) {
        setListError(messageOf(error));
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, community.key, occurrenceId, ritual.id, setItems],
  );

  const remove = useCallback(
    async (item: RitualItemView) => {
      if (!occurrenceId || busy) return;
      setBusy(item.id);
      setListError(undefined);
      try {
        await api.deleteRitualItem(community.key, ritual.id, occurrenceId, item.id);
        setItems((all) => all.filter((i) => i.id !== item.id));
        setAnnouncement(copy?.removed ?? 'Removed.');
      } catch (error) {
        setListError(messageOf(error));
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, community.key, copy, occurrenceId, ritual.id, setItems],
  );

  return { items, busy, add, vote, remove, addError, setAddError, listError, announcement };
}
