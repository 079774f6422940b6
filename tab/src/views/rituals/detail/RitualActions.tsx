import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { DeleteRegular, EditRegular, PauseRegular, PlayRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { RitualDetail } from '../../../api/contract';
import { FormDialog } from '../../../components/FormDialog';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** A manager's Edit, Pause/Resume and Delete (after confirmation). */
export function RitualActions({
  ritual,
  busy,
  focusEdit,
  onEdit,
  onTogglePause,
  onDelete,
}: {
  ritual: RitualDetail;
  busy?: string;
  /** Puts focus back on Edit when people leave the form without saving. */
  focusEdit?: boolean;
  onEdit: () => void;
  onTogglePause: () => void;
  onDelete: () => Promise<void>;
}) {
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusEdit) editRef.current?.focus();
  }, [focusEdit]);
  const spinner = (name: string) => (busy === name ? <Spinner size="tiny" /> : undefined);

  return (
    <div className={styles.actions}>
      <Button ref={editRef} icon={<EditRegular />} disabled={!!busy} onClick={onEdit} data-testid="ritual-edit-button">
        Edit
      </Button>
      <Button
        icon={spinner('pause') ?? (ritual.paused ? <PlayRegular /> : <PauseRegular />)}
        disabled={!!busy}
        onClick={onTogglePause}
        data-testid="ritual-pause-button"
      >
        {ritual.paused ? 'Resume' : 'Pause'}
      </Button>
      <FormDialog
        title={`Delete “${ritual.title}”?`}
        testId="ritual-delete-dialog"
        modalType="alert"
        open={confirming}
        trigger={
          <Button icon={<DeleteRegular />} disabled={!!busy} data-testid="ritual-delete-button">
            Delete
          </Button>
        }
        onOpen={() => setConfirming(true)}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button
              appearance="primary"
              disabled={!!busy}
              icon={spinner('delete')}
              onClick={() => void onDelete().finally(() => setConfirming(false))}
              data-testid="ritual-delete-confirm"
            >
              Delete ritual
            </Button>
            <Button onClick={() => setConfirming(false)}>Keep it</Button>
          </>
        }
      >
        Its dates, reminders and everything members added to it (questions, problems, sign-ups) are removed for everyone. This cannot be
        undone. To stop it for a while instead, pause it.
      </FormDialog>
    </div>
  );
}
