import { Badge, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { ritualKind, type RitualDetail } from '../../../api/contract';
import { useApp } from '../../../session/AppContext';
import { durationText, ownStartTime, plainDate, remindersText } from '../ritualTime';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  description: { margin: 0, whiteSpace: 'pre-line', fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    '@media (min-width: 480px)': { gridTemplateColumns: 'max-content minmax(0, 1fr)' },
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0 },
  },
});

/** What a ritual is: kind, description, hosts, expert, when it repeats, length, reminders. */
export function RitualFacts({ ritual }: { ritual: RitualDetail }) {
  const styles = useStyles();
  const { format } = useApp();
  const kind = ritualKind(ritual.kind);
  const { schedule } = ritual;
  return (
    <div className={styles.root}>
      <div className={styles.badges}>
        <Badge appearance="tint" color="brand" shape="rounded" data-testid="ritual-kind-badge">
          {kind.label}
        </Badge>
        {ritual.paused && (
          <Badge appearance="tint" color="subtle" shape="rounded">
            Paused
          </Badge>
        )}
      </div>
      {ritual.paused && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>This ritual is paused: no dates are shown and no reminders are posted until a manager resumes it.</MessageBarBody>
        </MessageBar>
      )}
      {ritual.description && <p className={styles.description}>{ritual.description}</p>}
      <dl className={styles.facts} data-testid="ritual-facts">
        <dt>Kind</dt>
        <dd>{kind.label}</dd>
        <dt>{ritual.hosts.length === 1 ? 'Host' : 'Hosts'}</dt>
        <dd>{ritual.hosts.map((h) => h.name).join(', ')}</dd>
        {ritual.kind === 'ama' && ritual.featuredExpert && (
          <>
            <dt>Featured expert</dt>
            <dd>{ritual.featuredExpert}</dd>
          </>
        )}
        <dt>Repeats</dt>
        <dd>
          {ritual.repeats}, {ownStartTime(schedule.firstStart, schedule.timeZone, format.locale)}
        </dd>
        <dt>Length</dt>
        <dd>{schedule.durationMinutes > 0 ? durationText(schedule.durationMinutes) : 'No meeting: a thread in the channel'}</dd>
        {schedule.until && (
          <>
            <dt>Last date</dt>
            <dd>{plainDate(schedule.until, format.locale)}</dd>
          </>
        )}
        <dt>Reminders</dt>
        <dd>{remindersText(ritual.reminderOffsets)}</dd>
        {ritual.kind === 'showAndTell' && ritual.slots !== undefined && (
          <>
            <dt>Presenters</dt>
            <dd>
              {format.number(ritual.slots)} {ritual.slots === 1 ? 'slot' : 'slots'} each time
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
