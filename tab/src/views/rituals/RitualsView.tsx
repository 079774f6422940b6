import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useQuery } from '../../data/useQuery';
import { useState } from 'react';
import type { RitualKindId } from '../../api/contract';
import { ErrorState } from '../../components/ErrorState';
import { LiveRegion } from '../../components/LiveRegion';
import { ritualListQuery } from '../../data/queries';
import { readingOf } from '../../data/reading';
import { useApp } from '../../session/AppContext';
import { ViewSkeleton } from '../status/ViewSkeleton';
import { RitualDetailPanel } from './detail/RitualDetailPanel';
import { CreateRitualPanel } from './form/CreateRitualPanel';
import { RemindersStatusBar } from './RemindersStatusBar';
import { RitualList } from './RitualList';
import { RitualsEmpty } from './RitualsEmpty';
import { zoneCity } from './ritualTime';
import { muted, sectionTitle } from './ritualStyles';
import { UpcomingList } from './UpcomingList';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  top: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  heading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  title: sectionTitle,
  subtitle: muted,
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  sectionTitle,
  quiet: muted,
});

/** What the person is looking at over the list: a ritual's page, or the form for a new one. */
type Overlay = { kind: 'ritual'; id: string; notice?: string } | { kind: 'create'; ritualKind?: RitualKindId } | undefined;

/**
 * The community's rituals: the coming occurrences grouped by week (the next one highlighted)
 * in the viewer's own time zone, then every ritual. Managers create rituals here.
 */
export function RitualsView() {
  const styles = useStyles();
  const { api, community, format } = useApp();
  const list = useQuery(ritualListQuery(api, community.key));
  const page = readingOf(list);
  const [overlay, setOverlay] = useState<Overlay>();
  const [notice, setNotice] = useState<string>();

  const canManage = page.status === 'ready' && page.data.can.manage;
  const create = (ritualKind?: RitualKindId) => {
    setNotice(undefined);
    setOverlay({ kind: 'create', ritualKind });
  };
  const open = (id: string) => {
    setNotice(undefined);
    setOverlay({ kind: 'ritual', id });
  };

  const liveText =
    page.status === 'loading'
      ? 'Loading rituals…'
      : page.status === 'error'
        ? 'The rituals could not be loaded.'
        : page.data.rituals.length === 0
          ? 'No rituals yet.'
          : `${format.number(page.data.rituals.length)} ${page.data.rituals.length === 1 ? 'ritual' : 'rituals'}, ${format.number(page.data.upcoming.length)} coming up.`;

  return (
    <section className={styles.root} aria-labelledby="rituals-heading" data-testid="rituals-view">
      <div className={styles.top}>
        <div className={styles.heading}>
          <Text as="h2" id="rituals-heading" size={500} weight="semibold" className={styles.title}>
            Rituals
          </Text>
          <Text as="p" className={styles.subtitle}>
            The get-togethers that keep this community going. Times are in your time zone ({zoneCity(format.timeZone)}).
          </Text>
        </div>
        {canManage && page.data.rituals.length > 0 && (
          <Button appearance="primary" icon={<AddRegular />} onClick={() => create()} data-testid="ritual-create-button">
            New ritual
          </Button>
        )}
      </div>
      <LiveRegion message={notice ?? liveText} testId="rituals-live" />
      {page.status === 'ready' && <RemindersStatusBar status={page.data.reminders} />}
      {notice && (
        <MessageBar intent="success" data-testid="rituals-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {page.status === 'loading' && <ViewSkeleton label="Loading rituals" />}
      {page.status === 'error' && (
        <ErrorState title="The rituals could not be loaded." error={page.error} onRetry={() => void list.refetch()} />
      )}
      {page.status === 'ready' && page.data.rituals.length === 0 && <RitualsEmpty canManage={canManage} onCreate={create} />}
      {page.status === 'ready' && page.data.rituals.length > 0 && (
        <>
          <section className={styles.section} aria-labelledby="rituals-upcoming">
            <Text as="h3" id="rituals-upcoming" size={400} weight="semibold" className={styles.sectionTitle}>
              Coming up
            </Text>
            {page.data.upcoming.length > 0 ? (
              <UpcomingList upcoming={page.data.upcoming} rituals={page.data.rituals} onOpen={open} />
            ) : (
              <Text as="p" className={styles.quiet}>
                Nothing is coming up: every ritual is paused or has no more dates.
              </Text>
            )}
          </section>
          <section className={styles.section} aria-labelledby="rituals-all">
            <Text as="h3" id="rituals-all" size={400} weight="semibold" className={styles.sectionTitle}>
              All rituals
            </Text>
            <RitualList rituals={page.data.rituals} onOpen={open} />
          </section>
        </>
      )}
      {overlay?.kind === 'ritual' && (
        <RitualDetailPanel
          ritualId={overlay.id}
          initialNotice={overlay.notice}
          onClose={() => setOverlay(undefined)}
          onDeleted={(title) => {
            setOverlay(undefined);
            setNotice(`“${title}” is deleted. Its reminders will no longer be posted.`);
          }}
        />
      )}
      {overlay?.kind === 'create' && (
        <CreateRitualPanel
          initialKind={overlay.ritualKind}
          onClose={() => setOverlay(undefined)}
          onCreated={(title, id, reminderOffsets) => {
            const text = `“${title}” is created. Members see its dates here${
              reminderOffsets.length ? ', and reminders are posted in the channel before each one' : ''
            }.`;
            if (id) {
              setOverlay({ kind: 'ritual', id, notice: text });
            } else {
              setOverlay(undefined);
              setNotice(text);
            }
          }}
        />
      )}
    </section>
  );
}
