import { Button } from '@fluentui/react-components';
import { ArchiveRegular, BookmarkAddRegular, CheckmarkCircleRegular, SearchRegular } from '@fluentui/react-icons';
import { EmptyState } from '../../components/EmptyState';
import type { CardQuery } from './useCardList';

/** What an empty list means for this query, and what to do about it. */
export function KnowledgeEmpty({ query, onClear }: { query: CardQuery; onClear: () => void }) {
  const q = query.q.trim();
  const clear = (
    <Button appearance="secondary" onClick={onClear}>
      Clear search and filters
    </Button>
  );
  if (q) {
    return (
      <EmptyState icon={<SearchRegular />} title={`No cards match “${q}”`} action={clear}>
        Try other words, or fewer of them. Search looks at titles, summaries and tags.
      </EmptyState>
    );
  }
  if (query.tag || query.kind) {
    return (
      <EmptyState icon={<SearchRegular />} title="No cards with these filters" action={clear}>
        Try another tag or kind, or look through all the community’s cards.
      </EmptyState>
    );
  }
  if (query.status === 'needs-review') {
    return (
      <EmptyState icon={<CheckmarkCircleRegular />} title="Nothing needs review — every card is up to date">
        A card comes up for review when its review interval passes, so someone can confirm it is still right.
      </EmptyState>
    );
  }
  if (query.status === 'archived') {
    return (
      <EmptyState icon={<ArchiveRegular />} title="No archived cards">
        Archiving hides an outdated card from search without deleting it. Archived cards can be restored at any time.
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
