import { useCallback, useEffect, useState } from 'react';
import { ritualItemInputSchema, type RitualDetail, type RitualItemView } from '../../../api/contract';
import { ApiError, messageOf } from '../../../api/errors';
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
 */
export function useRitualItems(ritual: RitualDetail, copy: ItemCopy | undefined) {
  const { api, community } = useApp();
  const occurrenceId = ritual.itemsOccurrenceId;
  const [items, setItems] = useState(() => sortItems(ritual.items));
  const [busy, setBusy] = useState<string>();
  const [addError, setAddError] = useState<string>();
  const [listError, setListError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => setItems(sortItems(ritual.items)), [ritual.items]);

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
        const latest = item ? [...items, item] : await api.ritualItems(community.key, ritual.id, occurrenceId);
        setItems(sortItems(latest));
        setAnnouncement(copy?.added ?? 'Added.');
        return true;
      } catch (error) {
        setAddError(messageOf(error));
        // Refused, perhaps because others got there first (the last slot, say): show the list as it is now.
        if (error instanceof ApiError && (error.kind === 'conflict' || error.kind === 'invalid')) {
          await api.ritualItems(community.key, ritual.id, occurrenceId).then(
            (latest) => setItems(sortItems(latest)),
            () => undefined,
          );
        }
        return false;
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, community.key, copy, items, occurrenceId, ritual.id],
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
        setItems((all) => sortItems(all.map((i) => (i.id === item.id ? changed : i))));
        setAnnouncement(up ? `Upvoted. ${changed.votes} ${changed.votes === 1 ? 'vote' : 'votes'}.` : 'Upvote taken back.');
      } catch (error) {
        setListError(messageOf(error));
      } finally {
        setBusy(undefined);
      }
    },
    [api, busy, community.key, occurrenceId, ritual.id],
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
    [api, busy, community.key, copy, occurrenceId, ritual.id],
  );

  return { items, busy, add, vote, remove, addError, setAddError, listError, announcement };
}
