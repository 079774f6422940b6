import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { AddRegular, CalendarSyncRegular } from '@fluentui/react-icons';
import { RITUAL_KINDS, type RitualKindId } from '../../api/contract';
import { EmptyState } from '../../components/EmptyState';

const useStyles = makeStyles({
  kinds: {
    listStyleType: 'none',
    margin: `${tokens.spacingVerticalM} 0 0`,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    textAlign: 'start',
  },
  kind: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  kindText: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 200px' },
  kindName: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * No rituals yet: what rituals are, the kinds there are, and for managers a way to
 * create the first one (of any kind, or straight from a kind).
 */
export function RitualsEmpty({ canManage, onCreate }: { canManage: boolean; onCreate: (kind?: RitualKindId) => void }) {
  const styles = useStyles();
  return (
    <EmptyState
      icon={<CalendarSyncRegular />}
      title="No rituals yet"
      action={
        canManage ? (
          <Button appearance="primary" icon={<AddRegular />} onClick={() => onCreate()} data-testid="ritual-create-button">
            Create the first ritual
          </Button>
        ) : undefined
      }
    >
      <p>
        Rituals are the get-togethers a community keeps coming back to. Commonplace lists their next dates here, in each person’s own time
        zone, and posts reminders in the channel so nobody misses one.
      </p>
      <p>{canManage ? 'Start from one of these kinds:' : 'A community manager can set one up, for example:'}</p>
      <ul className={styles.kinds} aria-label="Kinds of ritual">
        {RITUAL_KINDS.filter((k) => k.id !== 'custom').map((kind) => (
          <li key={kind.id} className={styles.kind}>
            <span className={styles.kindText}>
              <Text className={styles.kindName}>{kind.label}</Text>
              <Text size={200}>{kind.hint}</Text>
            </span>
            {canManage && (
              <Button size="small" icon={<AddRegular />} onClick={() => onCreate(kind.id)} aria-label={`Create ${kind.label}`}>
                Create
              </Button>
            )}
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}
