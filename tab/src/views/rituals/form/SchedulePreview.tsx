import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Occurrence } from '../../../api/rituals';
import { useApp } from '../../../session/AppContext';
import { occurrenceLabel } from '../ritualTime';
import { muted } from '../ritualStyles';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  quiet: muted,
});

/** The schedule in words and its next three dates, in the viewer's time (and the ritual's). */
export function SchedulePreview({ repeats, preview, timeZone }: { repeats?: string; preview: Occurrence[]; timeZone: string }) {
  const styles = useStyles();
  const { format } = useApp();
  return (
    <div className={styles.root} data-testid="ritual-preview">
      <Text weight="semibold">{repeats ?? 'Choose how often it repeats.'}</Text>
      {preview.length > 0 ? (
        <>
          <Text size={200} className={styles.quiet} id="ritual-preview-title">
            Next dates, in your time:
          </Text>
          <ul className={styles.list} aria-labelledby="ritual-preview-title">
            {preview.map((o) => (
              <li key={o.id}>
                <time dateTime={o.startsAt}>{occurrenceLabel(o.startsAt, timeZone, format)}</time>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Text size={200} className={styles.quiet}>
          The next dates show here once the first date, time zone and repeat are right.
        </Text>
      )}
    </div>
  );
}
