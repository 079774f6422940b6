import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useQuery } from '../../data/useQuery';
import { useMemo, useState } from 'react';
import type { CardStatus } from '../../api/contract';
import { ErrorState } from '../../components/ErrorState';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useVisuallyHidden } from '../../components/visuallyHidden';
import { tagsQuery } from '../../data/queries';
import { plural } from '../../format/plural';
import { useApp } from '../../session/AppContext';
import { CardFilters, type FilterValues } from './CardFilters';
import { CardListItem } from './CardListItem';
import { CardListSkeleton } from './CardListSkeleton';
import { KnowledgeEmpty } from './KnowledgeEmpty';
import { useCardList, type CardListState, type CardQuery } from './useCardList';

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  summary: { color: tokens.colorNeutralForeground2, minHeight: tokens.lineHeightBase300 },
  more: { display: 'flex', justifyContent: 'center', flexDirection: 'column', alignItems: 'center', gap: tokens.spacingVerticalS },
});

const INITIAL_FILTERS: FilterValues = { search: '', tag: '', kind: '', status: 'active' };

function summaryText(state: CardListState, query: CardQuery, count: (n: number) => string): string {
  if (state.status === 'loading') return 'Loading cards…';
  if (state.status === 'error') return 'The cards could not be loaded.';
  const n = state.cards.length;
  const q = query.q.trim();
  if (n === 0) {
    if (state.archivedMatch) {
      if (q) return `No active cards match “${q}”; archived ones do.`;
      return query.tag || query.kind
        ? 'No active cards with these filters; archived ones match.'
        : 'No active cards; every card is archived.';
    }
    return q ? `No cards match “${q}”.` : 'No cards to show.';
  }
  // "50+" when more pages follow: a plural whatever the number.
  const shown = state.nextCursor ? Number.POSITIVE_INFINITY : n;
  const cards = `${count(n)}${state.nextCursor ? '+' : ''} ${plural(shown, 'card', 'cards')}`;
  return q ? `${cards} ${plural(shown, 'matches', 'match')} “${q}”.` : `${cards}, newest first.`;
}

/** The community's knowledge: search, filters and the card list, newest first, a page at a time. */
export function KnowledgeView({ onOpenCard }: { onOpenCard: (id: string) => void }) {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  const { api, community, format } = useApp();
  const [filters, setFilters] = useState<FilterValues>(INITIAL_FILTERS);
  const q = useDebouncedValue(filters.search, SEARCH_DEBOUNCE_MS);
  const query = useMemo<CardQuery>(
    () => ({ q, tag: filters.tag, kind: filters.kind, status: filters.status }),
    [q, filters.tag, filters.kind, filters.status],
  );
  const { state, retry, loadMore } = useCardList(api, community.key, query);
  // Tags only enrich the filter; without them the list still works, so a failure stays quiet.
  const tags = useQuery(tagsQuery(api, community.key));

  const clear = () => setFilters({ ...INITIAL_FILTERS, status: filters.status === 'archived' ? 'active' : filters.status });
  const showStatus = (status: CardStatus) => setFilters({ ...filters, status });

  return (
    <section className={styles.root} aria-labelledby="knowledge-heading" data-testid="knowledge-view">
      <h2 id="knowledge-heading" className={hidden.root}>
        Knowledge
      </h2>
      <CardFilters values={filters} tags={tags.data ?? []} onChange={setFilters} />
      <Text as="p" size={200} className={styles.summary} role="status" aria-live="polite" data-testid="result-summary">
        {summaryText(state, query, format.number)}
      </Text>
      {state.status === 'loading' && <CardListSkeleton />}
      {state.status === 'error' && <ErrorState title="The cards could not be loaded." error={state.error} onRetry={retry} />}
      {state.status === 'ready' && state.cards.length === 0 && (
        <KnowledgeEmpty query={query} archivedMatch={state.archivedMatch === true} onClear={clear} onShowStatus={showStatus} />
      )}
      {state.status === 'ready' && state.cards.length > 0 && (
        <>
          <ul className={styles.list} aria-label="Knowledge cards" data-testid="card-list">
            {state.cards.map((card) => (
              <CardListItem key={card.id} card={card} onOpen={onOpenCard} />
            ))}
          </ul>
          {state.nextCursor && (
            <div className={styles.more}>
              {state.moreError !== undefined && (
                <ErrorState title="More cards could not be loaded." error={state.moreError} onRetry={loadMore} />
              )}
              {state.moreError === undefined && (
                <Button
                  appearance="secondary"
                  onClick={loadMore}
                  disabled={state.loadingMore}
                  icon={state.loadingMore ? <Spinner size="tiny" /> : undefined}
                  data-testid="cards-load-more"
                >
                  {state.loadingMore ? 'Loading more cards…' : 'Load more'}
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
