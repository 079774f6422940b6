import { makeStyles, Skeleton, SkeletonItem, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
  short: { width: '30%' },
  title: { width: '70%' },
});

/** Placeholder cards shaped like the real ones, so the page does not jump when they arrive. */
export function CardListSkeleton({ count = 4 }: { count?: number }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label="Loading cards" className={styles.list} data-testid="card-list-skeleton">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={styles.item}>
          <SkeletonItem size={16} className={styles.short} />
          <SkeletonItem size={20} className={styles.title} />
          <SkeletonItem size={12} />
          <SkeletonItem size={12} />
        </div>
      ))}
    </Skeleton>
  );
}
