import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { CardListItem, CardStatus } from '../../api/contract';

/** What the knowledge view asks for. `q` is already debounced. */
export interface CardQuery {
  q: string;
  tag: string;
  kind: string;
  status: CardStatus;
}

/**
 * The card list: first page loading or failed, or pages loaded so far. `archivedMatch` says,
 * for an empty list of active cards, that archived cards fit the same search and filters: the
 * community is not empty, its cards are only hidden.
 */
export type CardListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; cards: CardListItem[]; nextCursor?: string; loadingMore: boolean; moreError?: unknown; archivedMatch?: boolean };

const LOADING: CardListState = { status: 'loading' };

/** Whether a card still belongs in a list after a change; the search text is the service's to judge. */
export function stillListed(card: CardListItem, query: CardQuery): boolean {
  if (query.tag && !card.tags.includes(query.tag)) return false;
  if (query.kind && card.kind !== query.kind) return false;
  if (query.status === 'archived') return card.archived;
  if (card.archived) return false;
  return query.status !== 'needs-review' || card.needsReview;
}

/**
 * Pages through `GET cards` for a query. A new query starts over; answers to an older
 * query are dropped so quick typing never shows a stale list.
 */
export function useCardList(api: ApiClient, communityKey: string, query: CardQuery) {
  const [state, setState] = useState<CardListState>({ status: 'loading' });
  // The query the state answers: until a new query's effect has run, the last list (and its
  // count, which the live region would announce) belongs to the old one.
  const key = [query.q.trim(), query.tag, query.kind, query.status].join('\n');
  const [stateKey, setStateKey] = useState(key);
  const generation = useRef(0);
  const [attempt, setAttempt] = useState(0);

  const params = useCallback(
    (cursor?: string) => ({
      q: query.q.trim() || undefined,
      tag: query.tag || undefined,
      kind: query.kind || undefined,
      status: query.status,
      cursor,
    }),
    [query.q, query.tag, query.kind, query.status],
  );

  useEffect(() => {
    const id = ++generation.current;
    setState({ status: 'loading' });
    setStateKey(key);
    const asked = params();
    const load = async () => {
      const page = await api.listCards(communityKey, asked);
      // An empty list of active cards asks once more, for one archived card that fits: the
      // empty state then tells hidden cards from a community that has none.
      const archivedMatch =
        page.cards.length === 0 && asked.status === 'active'
          ? await api.listCards(communityKey, { ...asked, status: 'archived', take: 1 }).then(
              (archived) => archived.cards.length > 0,
              // Without the answer the empty state is only less precise; the list itself is right.
              () => false,
            )
          : false;
      return { page, archivedMatch };
    };
    load().then(
      ({ page, archivedMatch }) => {
        if (id === generation.current)
          setState({ status: 'ready', cards: page.cards, nextCursor: page.nextCursor, loadingMore: false, archivedMatch });
      },
      (error: unknown) => {
        if (id === generation.current) setState({ status: 'error', error });
      },
    );
  }, [api, communityKey, params, key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.nextCursor || state.loadingMore) return;
    const id = generation.current;
    setState({ ...state, loadingMore: true, moreError: undefined });
    api.listCards(communityKey, params(state.nextCursor)).then(
      (page) => {
        if (id !== generation.current) return;
        setState((current) => {
          if (current.status !== 'ready') return current;
          // A card saved meanwhile can shift the pages; skip ones already shown.
          const seen = new Set(current.cards.map((c) => c.id));
          return {
            status: 'ready',
            cards: [...current.cards, ...page.cards.filter((c) => !seen.has(c.id))],
            nextCursor: page.nextCursor,
            loadingMore: false,
          };
        });
      },
      (error: unknown) => {
        if (id !== generation.current) return;
        setState((current) => (current.status === 'ready' ? { ...current, loadingMore: false, moreError: error } : current));
      },
    );
  }, [api, communityKey, params, state]);

  /**
   * Shows a card's latest state (after a change in the detail) without reloading the list:
   * a change that takes it out of this list (archived from Active, say) removes it, and
   * one that brings it back (restored in the same panel) puts it back in date order.
   */
  const updateCard = useCallback(
    (card: CardListItem) => {
      setState((current) => {
        if (current.status !== 'ready') return current;
        const others = current.cards.filter((c) => c.id !== card.id);
        if (!stillListed(card, query)) {
          // Archived out of this list, the card is now one the list hides.
          const archivedMatch =
            current.archivedMatch || (card.archived && query.status === 'active' && stillListed(card, { ...query, status: 'archived' }));
          return { ...current, cards: others, archivedMatch };
        }
        if (others.length < current.cards.length) {
          return { ...current, cards: current.cards.map((c) => (c.id === card.id ? { ...c, ...card } : c)) };
        }
        const at = others.findIndex((c) => c.createdAt < card.createdAt);
        const cards = at < 0 ? [...others, card] : [...others.slice(0, at), card, ...others.slice(at)];
        return { ...current, cards };
      });
    },
    [query],
  );

  return { state: stateKey === key ? state : LOADING, retry, loadMore, updateCard };
}
