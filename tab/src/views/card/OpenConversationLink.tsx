import { Button } from '@fluentui/react-components';
import { OpenRegular } from '@fluentui/react-icons';
import { useApp } from '../../session/AppContext';

/**
 * "Open conversation": the card's source thread, in Teams when the tab runs in Teams.
 * A link shaped like the actions beside it, in neutral colours that keep their contrast
 * in every theme, even while the panel slides in.
 */
export function OpenConversationLink({ href }: { href: string }) {
  const { host } = useApp();
  return (
    <Button
      as="a"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      icon={<OpenRegular />}
      data-testid="open-conversation"
      onClick={(event) => {
        if (!host.inTeams) return;
        event.preventDefault();
        host.openLink(href);
      }}
    >
      Open conversation
    </Button>
  );
}
