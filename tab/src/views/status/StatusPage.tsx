import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    maxWidth: '640px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  title: { margin: 0 },
  body: { color: tokens.colorNeutralForeground2, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** A whole-page message (not in Teams, no channel, failed start), still with a main landmark. */
export function StatusPage({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const styles = useStyles();
  return (
    <main className={styles.root} data-testid={testId}>
      <Text as="h1" size={600} weight="semibold" className={styles.title}>
        {title}
      </Text>
      <div className={styles.body}>{children}</div>
    </main>
  );
}
