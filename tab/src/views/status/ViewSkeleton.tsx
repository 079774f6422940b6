import { makeStyles, Skeleton, SkeletonItem, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  grow: { flexGrow: 1 },
  narrow: { width: '40%' },
});

/** A generic placeholder while a view's code or data loads. */
export function ViewSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label={label} className={styles.root} data-testid="view-skeleton">
      <SkeletonItem size={24} className={styles.narrow} />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={styles.row}>
          <SkeletonItem shape="circle" size={40} />
          <div className={styles.grow}>
            <SkeletonItem size={16} />
          </div>
        </div>
      ))}
    </Skeleton>
  );
}
