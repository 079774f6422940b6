import { makeStyles, shorthands, Text, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import type { CardListItem as CardListItemView } from '../../api/contract';
import { CardBadges, TagList } from '../../components/CardBadges';
import { useApp } from '../../session/AppContext';
import { textButton } from '../../components/sharedStyles';
import { Highlighted, matchPattern } from './Highlighted';

const useStyles = makeStyles({
  item: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow2,
    ':hover': { boxShadow: tokens.shadow8, ...shorthands.borderColor(tokens.colorNeutralStroke1Hover) },
    ':focus-within': { ...shorthands.borderColor(tokens.colorStrokeFocus2) },
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  open: {
    ...textButton,
    color: tokens.colorNeutralForeground1,
    ':hover': { color: tokens.colorBrandForegroundLinkHover, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
    // The whole card is the click target; the button stays the single focus stop.
    '::after': { content: '""', position: 'absolute', inset: 0 },
  },
  summary: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  meta: { color: tokens.colorNeutralForeground2, margin: 0 },
  // Tags sit above the click target so they remain selectable text.
  tags: { position: 'relative' },
});

/** One card in the knowledge list; choosing it opens the card's detail. */
export function CardListItem({ card, onOpen }: { card: CardListItemView; onOpen: (id: string) => void }) {
  const styles = useStyles();
  const { format } = useApp();
  const restoreFocus = useRestoreFocusTarget();
  const titleId = `card-${card.id}-title`;
  const authors = card.authorNames.length > 0 ? card.authorNames.join(', ') : card.harvesterName;
  // In search results the words that matched are marked; when they are only in the saved
  // conversation, its start is shown instead of the summary, so the reason is visible.
  const pattern = matchPattern(card.matched);
  const inSummary = (text: string) => Boolean(pattern && text.search(pattern) >= 0);
  const blurb =
    pattern && card.excerpt && !inSummary(`${card.title} ${card.summary}`) && inSummary(card.excerpt)
      ? card.excerpt
      : card.summary || card.excerpt;
  return (
    <li data-testid="card-list-item" data-card-id={card.id}>
      <article className={styles.item} aria-labelledby={titleId}>
        <CardBadges kind={card.kind} needsReview={card.needsReview} archived={card.archived} />
        <h3 className={styles.title}>
          <button
            type="button"
            id={titleId}
            className={styles.open}
            onClick={() => onOpen(card.id)}
            data-testid="card-title"
            {...restoreFocus}
          >
            <Highlighted text={card.title} pattern={pattern} />
          </button>
        </h3>
        {blurb && (
          <p className={styles.summary}>
            <Highlighted text={blurb} pattern={pattern} />
          </p>
        )}
        <div className={styles.tags}>
          <TagList tags={card.tags} />
        </div>
        <Text as="p" size={200} className={styles.meta}>
          By {authors} · Saved by {card.harvesterName} on <time dateTime={card.createdAt}>{format.date(card.createdAt)}</time>
        </Text>
      </article>
    </li>
  );
}
