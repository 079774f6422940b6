import { Avatar, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { CardDetail } from '../../api/contract';
import { useApp } from '../../session/AppContext';
import { MessageContent } from './MessageContent';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  message: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  head: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalS}`, alignItems: 'baseline' },
  time: { color: tokens.colorNeutralForeground2 },
  body: { gridColumnStart: 2 },
});

/** The harvested thread: each message with its author and time. */
export function CardMessages({ messages }: { messages: CardDetail['messages'] }) {
  const styles = useStyles();
  const { format } = useApp();
  return (
    <ol className={styles.list} aria-label="Saved messages">
      {messages.map((m) => (
        <li key={m.messageId} className={styles.message} data-testid="card-message">
          <Avatar name={m.author.name} size={28} aria-hidden="true" />
          <div className={styles.head}>
            <Text weight="semibold">{m.author.name}</Text>
            <Text size={200} className={styles.time}>
              <time dateTime={m.sentAt}>{format.dateTime(m.sentAt)}</time>
            </Text>
          </div>
          <div className={styles.body}>
            <MessageContent html={m.html} />
          </div>
        </li>
      ))}
    </ol>
  );
}
