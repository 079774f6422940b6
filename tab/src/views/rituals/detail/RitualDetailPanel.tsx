import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { VideoRegular } from '@fluentui/react-icons';
import { Suspense, useRef, useState } from 'react';
import type { RitualInput } from '../../../api/contract';
import { DetailDrawer } from '../../../components/DetailDrawer';
import { ErrorState } from '../../../components/ErrorState';
import { ExternalLinkButton, isHttpsLink } from '../../../components/ExternalLinkButton';
import { readingOf } from '../../../data/reading';
import { useApp } from '../../../session/AppContext';
import { ViewSkeleton } from '../../status/ViewSkeleton';
import { RitualForm } from '../form/lazyRitualForm';
import { isInstant, ownStartTime, plainDate, viewerDate, viewerDateTime } from '../ritualTime';
import { OccurrenceDates } from './OccurrenceDates';
import { PastDates } from './PastDates';
import { RitualActions } from './RitualActions';
import { RitualFacts } from './RitualFacts';
import { RitualItems } from './RitualItems';
import { useRitualDetail } from './useRitualDetail';

const useStyles = makeStyles({
  notice: { ':focus': { outlineStyle: 'none' } },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/**
 * A ritual's page in a side panel (modal: focus stays inside, Escape closes, focus returns
 * to what opened it; full width on phones): what it is, its next dates, what members bring,
 * and for managers edit, pause, delete, skip and move.
 */
export function RitualDetailPanel({
  ritualId,
  initialNotice,
  onClose,
  onDeleted,
}: {
  ritualId: string;
  /** A success message to start with (after creating the ritual). */
  initialNotice?: string;
  onClose: () => void;
  onDeleted: (title: string) => void;
}) {
  const styles = useStyles();
  const { api, community, format } = useApp();
  const detail = useRitualDetail(ritualId, initialNotice ? { intent: 'success', text: initialNotice } : undefined);
  const { change, remove, notice, busy, showOccurrence } = detail;
  const ritual = readingOf(detail.ritual);
  const [editing, setEditing] = useState(false);
  const [leftEdit, setLeftEdit] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const noticeRef = useRef<HTMLDivElement>(null);

  const title = ritual.status === 'ready' ? ritual.data.title : ritual.status === 'error' ? 'Ritual not available' : 'Loading ritual…';

  const save = async (input: RitualInput) => {
    if (ritual.status !== 'ready') return;
    setServerErrors({});
    const result = await change(
      'edit',
      (r) => api.updateRitual(community.key, r.id, { ...input, version: r.version }),
      'Your changes are saved.',
    );
    if (result.ok || result.conflict || result.gone) {
      setEditing(false);
      // The Save button that had focus is gone: the outcome takes it.
      noticeRef.current?.focus();
    } else {
      setServerErrors(result.fieldErrors);
    }
  };

  return (
    <DetailDrawer
      title={editing ? `Edit “${title}”` : title}
      titleId="ritual-detail-title"
      testId="ritual-view"
      closeTestId="ritual-close-button"
      onClose={onClose}
    >
      <div role="status" aria-live="polite" ref={noticeRef} tabIndex={-1} className={styles.notice}>
        {notice && (
          <MessageBar intent={notice.intent} layout="multiline" data-testid="ritual-notice">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {ritual.status === 'loading' && <ViewSkeleton label="Loading ritual" rows={3} />}
      {ritual.status === 'error' && (
        <ErrorState title="This ritual could not be loaded." error={ritual.error} onRetry={() => void detail.ritual.refetch()} />
      )}
      {ritual.status === 'ready' && editing && (
        <Suspense fallback={<ViewSkeleton label="Loading the form" rows={3} />}>
          <RitualForm
            initial={ritual.data}
            busy={busy === 'edit'}
            serverErrors={serverErrors}
            saveLabel="Save changes"
            onSave={(input) => void save(input)}
            onCancel={() => {
              setServerErrors({});
              setLeftEdit(true);
              setEditing(false);
            }}
          />
        </Suspense>
      )}
      {ritual.status === 'ready' && !editing && (
        <>
          <RitualFacts ritual={ritual.data} />
          {(ritual.data.can.manage || isHttpsLink(ritual.data.meetingUrl)) && (
            <div className={styles.actions}>
              {isHttpsLink(ritual.data.meetingUrl) && (
                <ExternalLinkButton href={ritual.data.meetingUrl} icon={<VideoRegular />} testId="ritual-meeting-link">
                  Join the meeting
                </ExternalLinkButton>
              )}
              {ritual.data.can.manage && (
                <RitualActions
                  ritual={ritual.data}
                  busy={busy}
                  focusEdit={leftEdit}
                  onEdit={() => {
                    setLeftEdit(false);
                    setEditing(true);
                  }}
                  onTogglePause={() =>
                    void change(
                      'pause',
                      (r) => api.pauseRitual(community.key, r.id, r.version, !r.paused),
                      ritual.data.paused
                        ? 'Ritual resumed. Its next dates are back, and reminders will be posted again.'
                        : 'Ritual paused. Its dates are hidden and no reminders are posted until you resume it.',
                    )
                  }
                  onDelete={async () => {
                    const name = ritual.data.title;
                    if (await remove()) onDeleted(name);
                  }}
                />
              )}
            </div>
          )}
          <OccurrenceDates
            ritual={ritual.data}
            busy={busy}
            onChange={(o, body) =>
              change(
                'occurrence',
                (r) => api.changeOccurrence(community.key, r.id, o.id, body),
                body.kind === 'skipped'
                  ? `${viewerDate(o.startsAt, format)} is skipped. Members see your reason.`
                  : `Moved to ${movedToText(body.movedTo ?? '', ritual.data.schedule.timeZone, format.locale)}. Members see your reason.`,
              )
            }
            onUndo={(o) =>
              void change(
                `undo-${o.id}`,
                (r) => api.undoOccurrenceChange(community.key, r.id, o.id, r.version),
                `${viewerDateTime(isInstant(o.id) ? o.id : o.startsAt, format)} is back on as planned.`,
              )
            }
          />
          <RitualItems ritual={ritual.data} />
          <PastDates ritual={ritual.data} busy={busy} onShow={(id) => void showOccurrence(id)} />
        </>
      )}
    </DetailDrawer>
  );
}

/** A new wall-clock start for people: "Wed 11 Mar 2026 at 18:00 London time". */
function movedToText(movedTo: string, zone: string, locale: string): string {
  const [date = ''] = movedTo.split('T');
  return `${plainDate(date, locale)} at ${ownStartTime(movedTo, zone, locale)}`;
}
