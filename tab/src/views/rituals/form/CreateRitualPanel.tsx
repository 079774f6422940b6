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
import { Suspense, useState } from 'react';
import type { RitualInput, RitualKindId } from '../../../api/contract';
import { ApiError, messageOf } from '../../../api/errors';
import { useMediaQuery } from '../../../hooks/useMediaQuery';
import { useApp } from '../../../session/AppContext';
import { ViewSkeleton } from '../../status/ViewSkeleton';
import { FIELDS_MESSAGE } from '../detail/useRitualDetail';
import { RitualForm } from './lazyRitualForm';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
});

/** A side panel with the form for a new ritual; the form's code loads when it first opens. */
export function CreateRitualPanel({
  initialKind,
  onClose,
  onCreated,
}: {
  initialKind?: RitualKindId;
  onClose: () => void;
  /** The new ritual's title, its id when the service answered with it, and its reminders. */
  onCreated: (title: string, id: string | undefined, reminderOffsets: number[]) => void;
}) {
  const styles = useStyles();
  const { api, community } = useApp();
  const narrow = useMediaQuery('(max-width: 640px)');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const save = async (input: RitualInput) => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createRitual(community.key, input);
      onCreated(created?.title ?? input.title, created?.id, created?.reminderOffsets ?? input.reminderOffsets);
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? e.fieldErrorsByPath : {};
      setError(Object.keys(fieldErrors).length ? FIELDS_MESSAGE : messageOf(e));
      setServerErrors(fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <OverlayDrawer
      open
      position="end"
      size={narrow ? 'full' : 'medium'}
      onOpenChange={(_, data) => !data.open && onClose()}
      aria-labelledby="ritual-create-title"
      data-testid="ritual-create-panel"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: 'ritual-create-title' }}
          action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}
        >
          New ritual
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        <div role="status" aria-live="polite">
          {error && (
            <MessageBar intent="error" layout="multiline" data-testid="ritual-form-error">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        <Suspense fallback={<ViewSkeleton label="Loading the form" rows={3} />}>
          <RitualForm
            initialKind={initialKind}
            busy={busy}
            serverErrors={serverErrors}
            saveLabel="Create ritual"
            onSave={(input) => void save(input)}
            onCancel={onClose}
          />
        </Suspense>
      </DrawerBody>
    </OverlayDrawer>
  );
}
