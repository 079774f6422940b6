import { Badge, Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { HistoryRegular } from '@fluentui/react-icons';
import { ritualKind, type RitualDetail } from '../../../api/contract';
import { useApp } from '../../../session/AppContext';
import { OccurrenceReason } from '../OccurrenceStatus';
import { occurrenceLabel } from '../ritualTime';
import { muted, panel, plainList, sectionTitle } from '../ritualStyles';
import { ITEM_COPY } from './itemCopy';

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
  when: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, flex: '1 1 200px' },
  quiet: muted,
  back: { alignSelf: 'flex-start' },
});

/**
 * The ritual's dates that are over, newest first. Each one's questions, problems or
 * sign-ups stay readable: choosing a date shows them above, in place of the next date’s.
 */
export function PastDates({ ritual, busy, onShow }: { ritual: RitualDetail; busy?: string; onShow: (occurrenceId: string) => void }) {
  const styles = useStyles();
  const { format } = useApp();
  const collects = ritualKind(ritual.kind).collects;
  if (ritual.past.length === 0) return null;
  const copy = collects === 'nothing' ? undefined : ITEM_COPY[collects];
  const next = ritual.upcoming.find((o) => o.status !== 'skipped');
  const viewingPast = ritual.past.some((o) => o.id === ritual.itemsOccurrenceId);
  return (
    <section className={styles.root} aria-labelledby="ritual-past" data-testid="ritual-past">
      <Text as="h3" id="ritual-past" size={400} weight="semibold" className={styles.title}>
        Past dates
      </Text>
      {copy && viewingPast && next && (
        <Button
          appearance="secondary"
          className={styles.back}
          onClick={() => onShow(next.id)}
          disabled={!!busy}
          data-testid="ritual-show-next"
        >
          Back to the next date
        </Button>
      )}
      <ul className={styles.list}>
        {ritual.past.map((o) => {
          const label = occurrenceLabel(o.startsAt, ritual.schedule.timeZone, format);
          const shown = o.id === ritual.itemsOccurrenceId;
          return (
            <li key={o.id} className={styles.item} data-testid="ritual-past-occurrence">
              <div className={styles.when}>
                <Text weight="semibold">
                  <time dateTime={o.startsAt}>{label}</time>
                </Text>
                <OccurrenceReason occurrence={o} className={styles.quiet} />
              </div>
              {copy &&
                o.status !== 'skipped' &&
                (shown ? (
                  <Badge appearance="tint" color="brand" shape="rounded">
                    Shown above
                  </Badge>
                ) : (
                  <Button
                    size="small"
                    icon={busy === `show-${o.id}` ? <Spinner size="tiny" /> : <HistoryRegular />}
                    disabled={!!busy}
                    onClick={() => onShow(o.id)}
                    aria-label={`Show the ${copy.heading.toLocaleLowerCase()} of ${label}`}
                    data-testid="ritual-past-show"
                  >
                    Show {copy.heading.toLocaleLowerCase()}
                  </Button>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
