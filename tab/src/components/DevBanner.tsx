import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

/** The unmistakable sign that the tab shows local development data, not real Teams data. */
export function DevBanner({ personName, inTeams }: { personName: string; inTeams: boolean }) {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="dev-banner">
      <MessageBarBody>
        <MessageBarTitle>Local development</MessageBarTitle>
        {inTeams
          ? ` — the service runs in local development mode; you are signed in as ${personName}.`
          : ` — you are signed in as ${personName} in the Agents Playground's team. Nothing here is real Teams data.`}
      </MessageBarBody>
    </MessageBar>
  );
}
