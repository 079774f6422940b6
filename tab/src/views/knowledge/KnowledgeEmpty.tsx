import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArchiveRegular, BookmarkAddRegular, CheckmarkCircleRegular, SearchRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { CardStatus } from '../../api/contract';
import { EmptyState } from '../../components/EmptyState';
import type { CardQuery } from './useCardList';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', justifyContent: 'center', gap: tokens.spacingHorizontalS },
});

/**
 * What an empty list means for this query, and the way back to the cards it hides.
 * `archivedMatch`: archived cards fit the same search and filters.
 */
export function KnowledgeEmpty({
  query,
  archivedMatch,
  onClear,
  onShowStatus,
}: {
  query: CardQuery;
  archivedMatch: boolean;
  onClear: () => void;
  onShowStatus: (status: CardStatus) => void;
}) {
  const styles = useStyles();
  const q = query.q.trim();
  const actions = (...buttons: ReactNode[]) => <div className={styles.actions}>{buttons}</div>;
  const clear = (
    <Button key="clear" appearance="secondary" onClick={onClear} data-testid="clear-filters-button">
      Clear search and filters
    </Button>
  );
  const showArchived = (
    <Button key="archived" appearance="primary" onClick={() => onShowStatus('archived')} data-testid="show-archived-button">
      Show archived cards
    </Button>
  );
  const showActive = (
    <Button key="active" appearance="secondary" onClick={() => onShowStatus('active')} data-testid="show-active-button">
      Show active cards
    </Button>
  );
  const archivedNote =
    'Only archived cards match. Archiving hides an outdated card from the list and from search; it can still be read and restored.';

  if (q) {
    return (
      <EmptyState
        icon={<SearchRegular />}
        title={archivedMatch ? `No active cards match “${q}”` : `No cards match “${q}”`}
        action={archivedMatch ? actions(showArchived, clear) : actions(clear)}
      >
        {archivedMatch
          ? archivedNote
          : 'Try other words, or fewer of them. Search looks at titles, summaries, tags and saved conversations.'}
      </EmptyState>
    );
  }
  if (query.tag || query.kind) {
    return (
      <EmptyState
        icon={<SearchRegular />}
        title={archivedMatch ? 'No active cards with these filters' : 'No cards with these filters'}
        action={archivedMatch ? actions(showArchived, clear) : actions(clear)}
      >
        {archivedMatch ? archivedNote : 'Try another tag or kind, or look through all the community’s cards.'}
      </EmptyState>
    );
  }
  if (query.status === 'needs-review') {
    return (
      <EmptyState icon={<CheckmarkCircleRegular />} title="Nothing needs review — every card is up to date" action={actions(showActive)}>
        A card comes up for review when its review interval passes, so someone can confirm it is still right.
      </EmptyState>
    );
  }
  if (query.status === 'archived') {
    return (
      <EmptyState icon={<ArchiveRegular />} title="No archived cards" action={actions(showActive)}>
        Archiving hides an outdated card from search without deleting it. Archived cards can be restored at any time.
      </EmptyState>
    );
  }
  if (archivedMatch) {
    return (
      <EmptyState icon={<ArchiveRegular />} title="No active cards — every card here is archived" action={actions(showArchived)}>
        Archiving hides an outdated card from the list and from search. Archived cards can be read and restored at any time.
      </EmptyState>
    );
  }
  return (
    <EmptyState icon={<BookmarkAddRegular />} title="No cards yet — use Save to community on a helpful message">
      <p>
        When someone answers a question well in this channel, keep it: on the message, open the <strong>…</strong> (More options) menu,
        choose <strong>Apps</strong>, then <strong>Save to community</strong>.
      </p>
      <p>The card appears here for everyone, credits the people who wrote it, and can be found again from the compose box.</p>
    </EmptyState>
  );
}
