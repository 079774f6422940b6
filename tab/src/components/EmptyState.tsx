import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    maxWidth: '560px',
    margin: '0 auto',
  },
  icon: { fontSize: '48px', color: tokens.colorBrandForeground1, display: 'flex' },
  title: { margin: 0 },
  body: { color: tokens.colorNeutralForeground2 },
});

/** An empty result that teaches what to do next. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="empty-state">
      {icon && (
        <span className={styles.icon} aria-hidden="true">
          {icon}
        </span>
      )}
      <Text as="h3" size={500} weight="semibold" className={styles.title}>
        {title}
      </Text>
      {children && <div className={styles.body}>{children}</div>}
      {action}
    </div>
  );
}
