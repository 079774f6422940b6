import { makeStyles, Skeleton, SkeletonItem, tokens } from '@fluentui/react-components';
import { CardListSkeleton } from '../knowledge/CardListSkeleton';
import { pageColumn } from '../../components/sharedStyles';

const useStyles = makeStyles({
  page: pageColumn,
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { width: '240px', maxWidth: '60%' },
  tabs: { width: '220px' },
});

/** The tab's outline while Teams and the service answer, shaped like the page to come. */
export function StartSkeleton() {
  const styles = useStyles();
  return (
    <div className={styles.page} data-testid="start-skeleton">
      <Skeleton aria-label="Opening the community" className={styles.header}>
        <SkeletonItem size={28} className={styles.title} />
        <SkeletonItem size={16} className={styles.tabs} />
      </Skeleton>
      <CardListSkeleton count={3} />
    </div>
  );
}
