import { Field, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Text, tokens } from '@fluentui/react-components';
import { PeopleCommunityRegular } from '@fluentui/react-icons';
import { useQuery } from '../../data/useQuery';
import { useState } from 'react';
import type { ContributorPeriod, ContributorsView as ContributorsData } from '../../api/contract';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LiveRegion } from '../../components/LiveRegion';
import { contributorsQuery } from '../../data/queries';
import { readingOf } from '../../data/reading';
import { useApp } from '../../session/AppContext';
import { ViewSkeleton } from '../status/ViewSkeleton';
import { ContributorItem } from './ContributorItem';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  top: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  heading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  title: { margin: 0 },
  subtitle: { margin: 0, color: tokens.colorNeutralForeground2 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 720px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
  },
});

const PERIODS: { value: ContributorPeriod; label: string; phrase: string }[] = [
  { value: 'month', label: 'This month', phrase: 'this month' },
  { value: 'quarter', label: 'This quarter', phrase: 'this quarter' },
  { value: 'all', label: 'All time', phrase: 'so far' },
];

function thanks(data: ContributorsData, count: (n: number) => string): string {
  const phrase = PERIODS.find((p) => p.value === data.period)?.phrase ?? '';
  const n = data.totals.people || data.people.length;
  if (n === 1 && data.people[0]) return `Thank you, ${data.people[0].person.name}, for sharing knowledge ${phrase}`;
  return `Thank you to the ${count(n)} people who shared knowledge ${phrase}`;
}

/**
 * The people behind the community's knowledge, most contributions first, with what they
 * did recently. It celebrates; it never ranks anyone as least active.
 */
export function ContributorsView({ onOpenCard }: { onOpenCard: (cardId: string) => void }) {
  const styles = useStyles();
  const { api, community, format } = useApp();
  const [period, setPeriod] = useState<ContributorPeriod>('month');
  const contributors = useQuery(contributorsQuery(api, community.key, period));
  const data = readingOf(contributors);
  const [announcement, setAnnouncement] = useState<string>();
  const managerIds = new Set(community.managers.map((m) => m.id));
  const periodLabel = PERIODS.find((p) => p.value === period)?.phrase ?? '';
  const liveText =
    data.status === 'loading'
      ? 'Loading contributors…'
      : data.status === 'error'
        ? 'The contributors could not be loaded.'
        : `${format.number(data.data.people.length)} ${data.data.people.length === 1 ? 'contributor' : 'contributors'} ${periodLabel}.`;

  return (
    <section className={styles.root} aria-labelledby="contributors-heading" data-testid="contributors-view">
      <div className={styles.top}>
        <div className={styles.heading}>
          <Text as="h2" id="contributors-heading" size={500} weight="semibold" className={styles.title}>
            {data.status === 'ready' && data.data.people.length > 0 ? thanks(data.data, format.number) : 'Contributors'}
          </Text>
          {data.status === 'ready' && data.data.people.length > 0 && (
            <Text as="p" className={styles.subtitle}>
              {format.number(data.data.totals.cards)} {data.data.totals.cards === 1 ? 'card' : 'cards'} saved {periodLabel}, each one
              crediting the people who wrote it.
            </Text>
          )}
        </div>
        <Field label="Period">
          <RadioGroup
            layout="horizontal"
            value={period}
            onChange={(_, d) => setPeriod(d.value as ContributorPeriod)}
            data-testid="period-selector"
          >
            {PERIODS.map((p) => (
              <Radio key={p.value} value={p.value} label={p.label} />
            ))}
          </RadioGroup>
        </Field>
      </div>
      <LiveRegion message={liveText} />
      {announcement && (
        <MessageBar intent="success" data-testid="contributors-notice">
          <MessageBarBody>{announcement}</MessageBarBody>
        </MessageBar>
      )}
      {data.status === 'loading' && <ViewSkeleton label="Loading contributors" />}
      {data.status === 'error' && (
        <ErrorState title="The contributors could not be loaded." error={data.error} onRetry={() => void contributors.refetch()} />
      )}
      {data.status === 'ready' && data.data.people.length === 0 && (
        <EmptyState
          icon={<PeopleCommunityRegular />}
          title={period === 'all' ? 'No contributions yet' : `No contributions ${periodLabel} yet`}
        >
          <p>
            Every card saved with <strong>Save to community</strong> thanks the person who saved it and the people whose messages it keeps.
          </p>
          <p>
            Spot a helpful answer in the channel? Open the <strong>…</strong> menu on the message, choose <strong>Apps</strong>, then{' '}
            <strong>Save to community</strong> — and the people behind it will be celebrated here.
          </p>
        </EmptyState>
      )}
      {data.status === 'ready' && data.data.people.length > 0 && (
        <ul className={styles.list} aria-label="Contributors">
          {data.data.people.map((entry) => (
            <ContributorItem
              key={entry.person.id}
              entry={entry}
              isManager={managerIds.has(entry.person.id)}
              onOpenCard={onOpenCard}
              onMadeManager={(name) => setAnnouncement(`${name} is now a manager of this community.`)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
