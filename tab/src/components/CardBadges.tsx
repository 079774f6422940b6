import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { kindLabel, type CardKind } from '../api/contract';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
});

/** Kind, "Needs review" and "Archived", the badges a card wears in lists and in its detail. */
export function CardBadges({ kind, needsReview, archived }: { kind: string; needsReview: boolean; archived: boolean }) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Badge appearance="tint" color="brand" shape="rounded" data-testid="kind-badge">
        {kindLabel(kind as CardKind)}
      </Badge>
      {needsReview && !archived && (
        <Badge appearance="tint" color="warning" shape="rounded" data-testid="needs-review-badge">
          Needs review
        </Badge>
      )}
      {archived && (
        <Badge appearance="tint" color="subtle" shape="rounded" data-testid="archived-badge">
          Archived
        </Badge>
      )}
    </div>
  );
}

/** A card's tags as quiet labels. */
export function TagList({ tags, label = 'Tags' }: { tags: string[]; label?: string }) {
  const styles = useStyles();
  if (tags.length === 0) return null;
  return (
    <ul className={mergeClasses(styles.row, styles.list)} aria-label={label}>
      {tags.map((tag) => (
        <li key={tag}>
          <Badge appearance="outline" color="informative" shape="rounded" size="small">
            #{tag}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
