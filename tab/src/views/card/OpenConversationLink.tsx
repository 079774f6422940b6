import { Link } from '@fluentui/react-components';
import { OpenRegular } from '@fluentui/react-icons';
import { useApp } from '../../session/AppContext';

/** "Open conversation": the card's source thread, in Teams when the tab runs in Teams. */
export function OpenConversationLink({ href }: { href: string }) {
  const { host } = useApp();
  return (
    <Link
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="open-conversation"
      onClick={(event) => {
        if (!host.inTeams) return;
        event.preventDefault();
        host.openLink(href);
      }}
    >
      <OpenRegular aria-hidden="true" /> Open conversation
    </Link>
  );
}
