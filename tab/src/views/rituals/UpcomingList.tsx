import { makeStyles, mergeClasses, Text, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import type { OccurrenceView, RitualView } from '../../api/contract';
import { textButton } from '../../components/sharedStyles';
import { useApp } from '../../session/AppContext';
import { nextOccurrence, OccurrenceBadges, OccurrenceReason } from './OccurrenceStatus';
import { groupByWeek, ownLocalTime, viewerDateTime } from './ritualTime';
import { muted, panel, plainList } from './ritualStyles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  week: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  weekTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  list: plainList,
  item: { ...panel, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  next: {
    borderLeftWidth: tokens.strokeWidthThickest,
    borderLeftColor: tokens.colorBrandStroke1,
    backgroundColor: tokens.colorBrandBackground2,
  },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  when: { fontWeight: tokens.fontWeightSemibold },
  skippedTime: { textDecorationLine: 'line-through' },
  own: { color: tokens.colorNeutralForeground2 },
  title: {
    ...textButton,
    color: tokens.colorBrandForeground2,
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground2Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
  reason: muted,
});

/**
 * The community's next occurrences, grouped by the viewer's week, the next one highlighted.
 * Skipped and moved occurrences say why.
 */
export function UpcomingList({
  upcoming,
  rituals,
  onOpen,
}: {
  upcoming: OccurrenceView[];
  rituals: RitualView[];
  onOpen: (ritualId: string) => void;
}) {
  const styles = useStyles();
  const { format } = useApp();
  const restoreFocus = useRestoreFocusTarget();
  const byId = new Map(rituals.map((r) => [r.id, r]));
  const shown = upcoming.filter((o) => byId.has(o.ritualId));
  const next = nextOccurrence(shown);
  const groups = groupByWeek(shown, new Date(), format);

  return (
    <div className={styles.root}>
      {groups.map((group) => (
        <section key={group.key} className={styles.week} aria-labelledby={`week-${group.key}`}>
          <h4 id={`week-${group.key}`} className={styles.weekTitle}>
            {group.label}
          </h4>
          <ul className={styles.list}>
            {group.items.map((o) => {
              const ritual = byId.get(o.ritualId)!;
              const isNext = o === next;
              const own = ownLocalTime(o.startsAt, ritual.schedule.timeZone, format);
              return (
                <li
                  key={`${o.ritualId}-${o.id}`}
                  className={mergeClasses(styles.item, isNext && styles.next)}
                  data-testid="upcoming-occurrence"
                  data-next={isNext ? 'true' : undefined}
                >
                  <div className={styles.top}>
                    <Text className={mergeClasses(styles.when, o.status === 'skipped' && styles.skippedTime)}>
                      <time dateTime={o.startsAt}>{viewerDateTime(o.startsAt, format)}</time>
                    </Text>{' '}
                    {own && <Text className={styles.own}>({own})</Text>}
                    <OccurrenceBadges occurrence={o} isNext={isNext} />
                  </div>
                  <button type="button" className={styles.title} onClick={() => onOpen(ritual.id)} {...restoreFocus}>
                    {ritual.title}
                  </button>
                  <OccurrenceReason occurrence={o} className={styles.reason} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
