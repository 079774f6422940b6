import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useQueryClient } from '../../../data/useQuery';
import { Suspense, useState } from 'react';
import type { RitualInput, RitualKindId } from '../../../api/contract';
import { ApiError, messageOf } from '../../../api/errors';
import { DetailDrawer } from '../../../components/DetailDrawer';
import { queryKeys } from '../../../data/queryKeys';
import { useApp } from '../../../session/AppContext';
import { ViewSkeleton } from '../../status/ViewSkeleton';
import { FIELDS_MESSAGE } from '../detail/useRitualDetail';
import { RitualForm } from './lazyRitualForm';

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
  const { api, community } = useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const save = async (input: RitualInput) => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createRitual(community.key, input);
      // The new ritual's page opens with what the service answered, and the list behind shows it.
      if (created) queryClient.setQueryData(queryKeys.ritual(community.key, created.id), created);
      await queryClient.invalidate(queryKeys.ritualList(community.key));
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
    <DetailDrawer title="New ritual" titleId="ritual-create-title" testId="ritual-create-panel" onClose={onClose}>
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
    </DetailDrawer>
  );
}
