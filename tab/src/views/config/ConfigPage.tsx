import { Button, Link, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TAB_ENTITY_ID } from '../../../../bot/src/domain/cards/cardAddress';
import { ApiError, messageOf } from '../../api/errors';
import { DevBanner } from '../../components/DevBanner';
import { useApp } from '../../session/AppContext';
import { CommunityNameField } from './CommunityNameField';
import { useCommunityForm } from './useCommunityForm';

const useStyles = makeStyles({
  page: {
    maxWidth: '640px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    boxSizing: 'border-box',
  },
  title: { margin: 0 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

function failureMessage(error: unknown): string {
  if (error instanceof ApiError || !(error instanceof Error)) return messageOf(error);
  return error.message;
}

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; name: string } | { status: 'failed'; message: string };

/**
 * Teams' configuration page, shown when someone adds the tab to a channel: names the
 * community (managers only) and tells Teams which page the tab shows. Inside Teams the
 * dialog's own Save button saves; outside Teams the page has its own.
 */
export function ConfigPage() {
  const styles = useStyles();
  const { host, api, community, channel, setCommunity, development, me } = useApp();
  const isManager = community.role === 'manager';
  const form = useCommunityForm(community.configured ? community.name : (channel.channelName ?? community.name));
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const valid = !isManager || form.value !== undefined;

  const save = async (): Promise<string> => {
    let name = community.name;
    if (isManager) {
      if (!form.value) throw new Error(form.message(true) ?? 'Check the community name.');
      const updated = await api.configureCommunity(community.key, form.value);
      name = updated?.name ?? form.value.name;
      setCommunity(updated ?? { ...community, name, configured: true });
    }
    const home = `${window.location.origin}/`;
    await host.configPage?.setConfig({ entityId: TAB_ENTITY_ID, contentUrl: home, websiteUrl: home, suggestedDisplayName: name });
    return name;
  };
  // Teams calls the handler registered once; it must see the latest form.
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    host.configPage?.registerOnSave((event) => {
      setState({ status: 'saving' });
      saveRef.current().then(
        (name) => {
          setState({ status: 'saved', name });
          event.notifySuccess();
        },
        (error: unknown) => {
          const message = failureMessage(error);
          setState({ status: 'failed', message });
          event.notifyFailure(message);
        },
      );
    });
  }, [host]);

  useEffect(() => {
    host.configPage?.setValidity(valid);
  }, [host, valid]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setState({ status: 'saving' });
    saveRef.current().then(
      (name) => setState({ status: 'saved', name }),
      (error: unknown) => setState({ status: 'failed', message: failureMessage(error) }),
    );
  };

  return (
    <main className={styles.page} data-testid="config-page">
      {development && <DevBanner personName={me.person.name} inTeams={host.inTeams} />}
      <Text as="h1" size={600} weight="semibold" className={styles.title}>
        Set up Commonplace for this channel
      </Text>
      <Text as="p" className={styles.intro}>
        The tab gathers the knowledge this community saves from its conversations, and thanks the people who shared it.
      </Text>
      <form className={styles.form} onSubmit={submit} noValidate aria-label="Community settings">
        <CommunityNameField form={form} readOnly={!isManager} showAllErrors={state.status === 'failed'} />
        {!host.inTeams && (
          <div className={styles.buttons}>
            <Button
              type="submit"
              appearance="primary"
              disabled={!valid || state.status === 'saving'}
              icon={state.status === 'saving' ? <Spinner size="tiny" /> : undefined}
              data-testid="config-save"
            >
              Save
            </Button>
          </div>
        )}
      </form>
      <div role="status" aria-live="polite">
        {state.status === 'saved' && (
          <MessageBar intent="success" data-testid="config-saved">
            <MessageBarBody>
              Saved — the community is called “{state.name}”. {!host.inTeams && <Link href="./">Open the community tab</Link>}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div role="alert">
        {state.status === 'failed' && (
          <MessageBar intent="error" data-testid="config-error">
            <MessageBarBody>{state.message}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </main>
  );
}
