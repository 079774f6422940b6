import { Avatar, Button, makeStyles, Spinner, Text, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import { PersonAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ContributorsView } from '../../api/contract';
import { messageOf } from '../../api/errors';
import { useApp } from '../../session/AppContext';
import { textButton } from '../../components/sharedStyles';

type Entry = ContributorsView['people'][number];

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  name: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  counts: { color: tokens.colorNeutralForeground2, margin: 0 },
  recent: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  cardLink: {
    ...textButton,
    // The stronger brand foreground: the link colour proper is barely 4.5:1 on dark backgrounds.
    color: tokens.colorBrandForeground2,
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground2Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
  role: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1, margin: 0 },
  actions: { display: 'flex', justifyContent: 'flex-start' },
});

const ROLE_WORDS: Record<Entry['recent'][number]['role'], string> = {
  harvester: 'saved',
  author: 'wrote',
  curator: 'curated',
};

function counts(entry: Entry, n: (v: number) => string): string {
  const parts: string[] = [];
  if (entry.harvested > 0) parts.push(`saved ${n(entry.harvested)} ${entry.harvested === 1 ? 'card' : 'cards'}`);
  if (entry.authored > 0) parts.push(`wrote ${n(entry.authored)} ${entry.authored === 1 ? 'saved message' : 'saved messages'}`);
  if (entry.curated > 0) parts.push(`curated ${n(entry.curated)} ${entry.curated === 1 ? 'card' : 'cards'}`);
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One contributor: what they gave, their recent contributions, and "Make manager" for managers. */
export function ContributorItem({
  entry,
  isManager,
  onOpenCard,
  onMadeManager,
}: {
  entry: Entry;
  isManager: boolean;
  onOpenCard: (cardId: string) => void;
  onMadeManager: (name: string) => void;
}) {
  const styles = useStyles();
  const { api, community, format, me, setCommunity, refreshCommunity } = useApp();
  const restoreFocus = useRestoreFocusTarget();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const makeManager = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.addManager(community.key, { person: entry.person });
      if (updated) setCommunity(updated);
      else await refreshCommunity();
      onMadeManager(entry.person.name);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={styles.item} data-testid="contributor">
      <div className={styles.who}>
        <Avatar name={entry.person.name} size={40} color="colorful" aria-hidden="true" />
        <div>
          <h3 className={styles.name}>{entry.person.name}</h3>
          <Text as="p" size={200} className={styles.counts}>
            {counts(entry, format.number)}
          </Text>
        </div>
      </div>
      {entry.recent.length > 0 && (
        <ul className={styles.recent} aria-label={`Recent contributions by ${entry.person.name}`}>
          {entry.recent.map((c, i) => (
            <li key={`${c.cardId}-${c.role}-${i}`}>
              <button type="button" className={styles.cardLink} onClick={() => onOpenCard(c.cardId)} {...restoreFocus}>
                {c.title}
              </button>{' '}
              <Text size={200} className={styles.role}>
                · {ROLE_WORDS[c.role]} <time dateTime={c.at}>{format.relative(c.at)}</time>
              </Text>
            </li>
          ))}
        </ul>
      )}
      {community.role === 'manager' && !isManager && entry.person.id !== me.person.id && (
        <div className={styles.actions}>
          <Button
            size="small"
            appearance="subtle"
            icon={busy ? <Spinner size="tiny" /> : <PersonAddRegular />}
            disabled={busy}
            onClick={() => void makeManager()}
            aria-label={`Make manager: ${entry.person.name}`}
            data-testid="make-manager-button"
          >
            Make manager
          </Button>
        </div>
      )}
      {error && (
        <Text as="p" role="alert" className={styles.error}>
          {error}
        </Text>
      )}
    </li>
  );
}
