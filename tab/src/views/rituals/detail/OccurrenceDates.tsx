import { Button, makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowUndoRegular, CalendarArrowRightRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { OccurrenceChangeInput, OccurrenceView, RitualDetail } from '../../../api/contract';
import { useApp } from '../../../session/AppContext';
import { isInstant, occurrenceLabel, viewerDate } from '../ritualTime';
import { muted, panel, plainList, sectionTitle } from '../ritualStyles';
import { nextOccurrence, OccurrenceBadges, OccurrenceReason } from '../OccurrenceStatus';
import { OccurrenceChangeDialog } from './OccurrenceChangeDialog';
import type { ChangeResult } from '../../../data/useVersionedChange';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: sectionTitle,
  list: plainList,
  item: {
    ...panel,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    justifyContent: 'space-between',
  },
  next: { borderLeftWidth: tokens.strokeWidthThickest, borderLeftColor: tokens.colorBrandStroke1 },
  when: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, flex: '1 1 200px' },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  skippedTime: { textDecorationLine: 'line-through' },
  quiet: muted,
});

/** A ritual's next dates; managers skip or move one (saying why) and undo that. */
export function OccurrenceDates({
  ritual,
  busy,
  onChange,
  onUndo,
}: {
  ritual: RitualDetail;
  busy?: string;
  onChange: (occurrence: OccurrenceView, body: OccurrenceChangeInput) => Promise<ChangeResult>;
  onUndo: (occurrence: OccurrenceView) => void;
}) {
  const styles = useStyles();
  const { format } = useApp();
  const [changing, setChanging] = useState<OccurrenceView>();
  const next = nextOccurrence(ritual.upcoming);
  const zone = ritual.schedule.timeZone;

  return (
    <section className={styles.root} aria-labelledby="ritual-dates">
      <Text as="h3" id="ritual-dates" size={400} weight="semibold" className={styles.title}>
        Next dates
      </Text>
      {ritual.upcoming.length === 0 ? (
        <Text as="p" className={styles.quiet}>
          {ritual.paused ? 'No dates while it is paused.' : 'No more dates are planned.'}
        </Text>
      ) : (
        <ul className={styles.list}>
          {ritual.upcoming.map((o) => {
            const label = occurrenceLabel(o.startsAt, zone, format);
            return (
              <li key={o.id} className={mergeClasses(styles.item, o === next && styles.next)} data-testid="ritual-occurrence">
                <div className={styles.when}>
                  <div className={styles.top}>
                    <Text weight="semibold" className={o.status === 'skipped' ? styles.skippedTime : undefined}>
                      <time dateTime={o.startsAt}>{label}</time>
                    </Text>
                    <OccurrenceBadges occurrence={o} isNext={o === next} />
                  </div>
                  <OccurrenceReason occurrence={o} className={styles.quiet} />
                </div>
                {ritual.can.manage &&
                  (o.status === 'scheduled' ? (
                    <Button
                      size="small"
                      icon={<CalendarArrowRightRegular />}
                      disabled={!!busy}
                      onClick={() => setChanging(o)}
                      aria-label={`Skip or move ${label}`}
                      data-testid="occurrence-change-button"
                    >
                      Skip or move
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      icon={busy === `undo-${o.id}` ? <Spinner size="tiny" /> : <ArrowUndoRegular />}
                      disabled={!!busy}
                      onClick={() => onUndo(o)}
                      aria-label={`Put ${viewerDate(isInstant(o.id) ? o.id : o.startsAt, format)} back as planned`}
                      data-testid="occurrence-undo-button"
                    >
                      {o.status === 'skipped' ? 'Undo skip' : 'Undo move'}
                    </Button>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
      {changing && (
        <OccurrenceChangeDialog
          occurrence={changing}
          timeZone={zone}
          version={ritual.version}
          busy={busy === 'occurrence'}
          onSubmit={(body) => onChange(changing, body)}
          onClose={() => setChanging(undefined)}
        />
      )}
    </section>
  );
}
