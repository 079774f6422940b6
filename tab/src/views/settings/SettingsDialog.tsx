import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';
import { useApp } from '../../session/AppContext';
import { CommunityNameField } from '../config/CommunityNameField';
import { useCommunityForm } from '../config/useCommunityForm';
import { ManagersList } from './ManagersList';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionTitle: { margin: 0 },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  formButtons: { display: 'flex' },
});

type Feedback = { intent: 'success' | 'error'; text: string } | undefined;

/**
 * The community's settings: its name and review interval (managers edit, others read),
 * and who manages it. Visible to everyone, so people know whom to ask.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const styles = useStyles();
  const { api, community, format, setCommunity } = useApp();
  const isManager = community.role === 'manager';
  const form = useCommunityForm(community.name);
  const [saving, setSaving] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.value) return;
    setSaving(true);
    setFeedback(undefined);
    try {
      const updated = await api.configureCommunity(community.key, form.value);
      setCommunity(updated ?? { ...community, name: form.value.name, configured: true });
      setFeedback({ intent: 'success', text: 'Settings saved.' });
    } catch (error) {
      form.setServerErrors(error instanceof ApiError ? error.fieldErrors : {});
      setFeedback({ intent: 'error', text: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDialog
      title="Community settings"
      testId="settings-dialog"
      onClose={onClose}
      contentClassName={styles.content}
      actions={
        <Button appearance="secondary" onClick={onClose} data-testid="settings-close">
          Close
        </Button>
      }
    >
      <div role="status" aria-live="polite">
        {feedback && (
          <MessageBar intent={feedback.intent} data-testid="settings-feedback">
            <MessageBarBody>{feedback.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <section className={styles.section} aria-labelledby="settings-community">
        <Text as="h3" id="settings-community" size={400} weight="semibold" className={styles.sectionTitle}>
          Community
        </Text>
        <form className={styles.form} onSubmit={(e) => void save(e)} noValidate aria-labelledby="settings-community">
          <CommunityNameField form={form} readOnly={!isManager} />
          {isManager && (
            <div className={styles.formButtons}>
              <Button
                type="submit"
                appearance="primary"
                disabled={!form.value || saving}
                icon={saving ? <Spinner size="tiny" /> : undefined}
                data-testid="settings-save"
              >
                Save name
              </Button>
            </div>
          )}
        </form>
        <Text as="p" className={styles.muted} data-testid="settings-review-interval">
          New cards come up for review every {format.number(community.reviewIntervalDays)} days; each card’s owner can change its own.
        </Text>
      </section>
      <section className={styles.section} aria-labelledby="settings-managers">
        <Text as="h3" id="settings-managers" size={400} weight="semibold" className={styles.sectionTitle}>
          Managers
        </Text>
        <Text as="p" className={styles.muted}>
          Team owners are always managers of this community. Managers curate cards (edit, archive, restore) and choose other managers.
          {isManager
            ? ' To add someone, open Contributors and choose Make manager next to their name.'
            : ' You are a member: ask a manager if a card needs changing.'}
        </Text>
        <ManagersList onFeedback={setFeedback} />
      </section>
    </FormDialog>
  );
}
