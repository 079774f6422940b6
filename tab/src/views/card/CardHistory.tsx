import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { CardChange } from '../../api/contract';
import { useApp } from '../../session/AppContext';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  when: { color: tokens.colorNeutralForeground2 },
});

const FIELD_NAMES: Record<string, string> = {
  title: 'the title',
  summary: 'the summary',
  kind: 'the kind',
  tags: 'the tags',
  ownerId: 'the owner',
  owner: 'the owner',
  reviewIntervalDays: 'the review interval',
  messages: 'the saved messages',
};

function describe(change: CardChange): string {
  switch (change.action) {
    case 'created':
      return 'saved this card';
    case 'archived':
      return 'archived it';
    case 'restored':
      return 'restored it';
    case 'verified':
      return 'confirmed it is still right';
    case 'reassigned':
      return change.owner ? `made ${change.owner.name} the owner` : 'changed the owner';
    case 'edited': {
      const fields = (change.fields ?? []).map((f) => FIELD_NAMES[f] ?? f);
      return fields.length > 0 ? `edited ${fields.join(', ')}` : 'edited it';
    }
  }
}

/** Who did what to the card, and when, newest first as the service lists it. */
export function CardHistory({ history }: { history: CardChange[] }) {
  const styles = useStyles();
  const { format } = useApp();
  if (history.length === 0) return <Text>No changes yet.</Text>;
  return (
    <ol className={styles.list} data-testid="card-history">
      {history.map((change, i) => (
        <li key={`${change.at}-${i}`}>
          <Text>
            <strong>{change.by.name}</strong> {describe(change)}{' '}
            <span className={styles.when}>
              · <time dateTime={change.at}>{format.dateTime(change.at)}</time>
            </span>
          </Text>
        </li>
      ))}
    </ol>
  );
}
