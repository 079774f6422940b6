import { Badge, makeStyles, Text, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import { ritualKind, type RitualView } from '../../api/contract';
import { textButton } from '../../components/sharedStyles';
import { useApp } from '../../session/AppContext';
import { occurrenceLabel, ownStartTime } from './ritualTime';
import { muted, panel } from './ritualStyles';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 720px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
  },
  item: { ...panel, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  name: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  title: {
    ...textButton,
    color: tokens.colorBrandForeground2,
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground2Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
  line: muted,
});

/** Every ritual of the community, paused ones included, each opening its page. */
export function RitualList({ rituals, onOpen }: { rituals: RitualView[]; onOpen: (ritualId: string) => void }) {
  const styles = useStyles();
  const { format } = useApp();
  const restoreFocus = useRestoreFocusTarget();
  return (
    <ul className={styles.list} aria-label="All rituals">
      {rituals.map((ritual) => (
        <li key={ritual.id} className={styles.item} data-testid="ritual-list-item" data-ritual-id={ritual.id}>
          <div className={styles.badges}>
            <Badge appearance="tint" color="brand" shape="rounded">
              {ritualKind(ritual.kind).label}
            </Badge>
            {ritual.paused && (
              <Badge appearance="tint" color="subtle" shape="rounded">
                Paused
              </Badge>
            )}
          </div>
          <h4 className={styles.name}>
            <button type="button" className={styles.title} onClick={() => onOpen(ritual.id)} {...restoreFocus}>
              {ritual.title}
            </button>
          </h4>
          <Text as="p" size={200} className={styles.line}>
            {ritual.repeats} · {ownStartTime(ritual.schedule.firstStart, ritual.schedule.timeZone, format.locale)}
          </Text>
          <Text as="p" size={200} className={styles.line}>
            Hosted by {ritual.hosts.map((h) => h.name).join(', ')}
          </Text>
          <Text as="p" size={200} className={styles.line}>
            {ritual.paused
              ? 'Paused: no dates or reminders until a manager resumes it.'
              : ritual.next
                ? `${ritual.next.happeningNow ? 'Happening now, since' : 'Next:'} ${occurrenceLabel(ritual.next.startsAt, ritual.schedule.timeZone, format)}`
                : 'No more dates planned.'}
          </Text>
        </li>
      ))}
    </ul>
  );
}
