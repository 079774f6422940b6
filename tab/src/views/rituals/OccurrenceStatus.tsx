import { Badge, Text } from '@fluentui/react-components';
import type { OccurrenceView } from '../../api/contract';
import { useApp } from '../../session/AppContext';
import { isInstant, viewerDateTime } from './ritualTime';

/** The occurrence to highlight: the soonest one that will happen. */
export function nextOccurrence(upcoming: OccurrenceView[]): OccurrenceView | undefined {
  return upcoming.find((o) => o.status !== 'skipped');
}

/** "Happening now", "Next up", "Skipped" or "Moved", in words as well as colour. */
export function OccurrenceBadges({ occurrence, isNext }: { occurrence: OccurrenceView; isNext: boolean }) {
  return (
    <>
      {occurrence.happeningNow ? (
        <Badge appearance="filled" color="success" shape="rounded" data-testid="occurrence-now">
          Happening now
        </Badge>
      ) : (
        isNext && (
          <Badge appearance="filled" color="brand" shape="rounded">
            Next up
          </Badge>
        )
      )}
      {occurrence.status === 'skipped' && (
        <Badge appearance="tint" color="warning" shape="rounded">
          Skipped
        </Badge>
      )}
      {occurrence.status === 'moved' && (
        <Badge appearance="tint" color="informative" shape="rounded">
          Moved
        </Badge>
      )}
    </>
  );
}

/** Why an occurrence was skipped or moved, in a sentence; nothing for a scheduled one. */
export function OccurrenceReason({ occurrence, className }: { occurrence: OccurrenceView; className?: string }) {
  const { format } = useApp();
  if (occurrence.status === 'scheduled') return null;
  const why = occurrence.reason ? `: ${occurrence.reason}` : '.';
  // The id is the original start; say where it moved from when it reads as a date.
  const from = !isInstant(occurrence.id) ? '' : ` from ${viewerDateTime(occurrence.id, format)}`;
  const text = occurrence.status === 'skipped' ? `Skipped this time${why}` : `Moved${from}${why}`;
  return (
    <Text as="p" size={200} className={className}>
      {text}
    </Text>
  );
}
