import { Avatar, Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PersonView } from '../../api/contract';
import { messageOf } from '../../api/errors';
import { useApp } from '../../session/AppContext';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  name: { flexGrow: 1, minWidth: 0 },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** The people added as managers; managers can remove them. */
export function ManagersList({ onFeedback }: { onFeedback: (feedback: { intent: 'success' | 'error'; text: string }) => void }) {
  const styles = useStyles();
  const { api, community, me, setCommunity, refreshCommunity } = useApp();
  const [removing, setRemoving] = useState<string>();
  const isManager = community.role === 'manager';

  const remove = async (person: PersonView) => {
    setRemoving(person.id);
    try {
      const updated = await api.removeManager(community.key, person.id);
      if (updated) setCommunity(updated);
      else await refreshCommunity();
      onFeedback({ intent: 'success', text: `${person.name} is no longer a manager.` });
    } catch (error) {
      onFeedback({ intent: 'error', text: messageOf(error) });
    } finally {
      setRemoving(undefined);
    }
  };

  if (community.managers.length === 0) {
    return (
      <Text as="p" className={styles.muted} data-testid="managers-empty">
        No one has been added as a manager yet, so the team owners manage this community.
      </Text>
    );
  }
  return (
    <ul className={styles.list} aria-label="Managers" data-testid="managers-list">
      {community.managers.map((person) => (
        <li key={person.id} className={styles.item} data-testid="manager">
          <Avatar name={person.name} size={32} color="colorful" aria-hidden="true" />
          <Text className={styles.name}>
            {person.name}
            {person.id === me.person.id ? ' (you)' : ''}
          </Text>
          {isManager && (
            <Button
              size="small"
              disabled={removing !== undefined}
              icon={removing === person.id ? <Spinner size="tiny" /> : undefined}
              onClick={() => void remove(person)}
              aria-label={`Remove ${person.name} as manager`}
              data-testid="remove-manager-button"
            >
              Remove
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
