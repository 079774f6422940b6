import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { Suspense, useRef, useState } from 'react';
import type { RitualInput } from '../../../api/contract';
import { ErrorState } from '../../../components/ErrorState';
import { useMediaQuery } from '../../../hooks/useMediaQuery';
import { useApp } from '../../../session/AppContext';
import { ViewSkeleton } from '../../status/ViewSkeleton';
import { RitualForm } from '../form/lazyRitualForm';
import { isInstant, ownStartTime, plainDate, viewerDate, viewerDateTime } from '../ritualTime';
import { isMeetingLink, MeetingLink } from './MeetingLink';
import { OccurrenceDates } from './OccurrenceDates';
import { PastDates } from './PastDates';
import { RitualActions } from './RitualActions';
import { RitualFacts } from './RitualFacts';
import { RitualItems } from './RitualItems';
import { useRitualDetail } from './useRitualDetail';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
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
  onChanged,
  onDeleted,
}: {
  ritualId: string;
  /** A success message to start with (after creating the ritual). */
  initialNotice?: string;
  onClose: () => void;
  /** Something changed that the list behind shows. */
  onChanged: () => void;
  onDeleted: (title: string) => void;
}) {
  const styles = useStyles();
  const { api, community, format } = useApp();
  const narrow = useMediaQuery('(max-width: 640px)');
  const { ritual, reload, change, remove, notice, busy, showOccurrence } = useRitualDetail(
    ritualId,
    onChanged,
    initialNotice ? { intent: 'success', text: initialNotice } : undefined,
  );
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
    <OverlayDrawer
      open
      position="end"
      size={narrow ? 'full' : 'medium'}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      aria-labelledby="ritual-detail-title"
      data-testid="ritual-view"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: 'ritual-detail-title' }}
          action={
            <Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} data-testid="ritual-close-button" />
          }
        >
          {editing ? `Edit “${title}”` : title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        <div role="status" aria-live="polite" ref={noticeRef} tabIndex={-1} className={styles.notice}>
          {notice && (
            <MessageBar intent={notice.intent} layout="multiline" data-testid="ritual-notice">
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        {ritual.status === 'loading' && <ViewSkeleton label="Loading ritual" rows={3} />}
        {ritual.status === 'error' && <ErrorState title="This ritual could not be loaded." error={ritual.error} onRetry={reload} />}
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
            {(ritual.data.can.manage || isMeetingLink(ritual.data.meetingUrl)) && (
              <div className={styles.actions}>
                {isMeetingLink(ritual.data.meetingUrl) && <MeetingLink href={ritual.data.meetingUrl} />}
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
      </DrawerBody>
    </OverlayDrawer>
  );
}

/** A new wall-clock start for people: "Wed 11 Mar 2026 at 18:00 London time". */
function movedToText(movedTo: string, zone: string, locale: string): string {
  const [date = ''] = movedTo.split('T');
  return `${plainDate(date, locale)} at ${ownStartTime(movedTo, zone, locale)}`;
}
