import { Button } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';
import { useApp } from '../session/AppContext';

/** Whether a link is safe to offer: https only. */
export function isHttpsLink(url: string | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A link shaped like the buttons beside it, opening in a new tab; inside Teams through
 * Teams, which otherwise would open it inside the tab's frame. Neutral colours keep their
 * contrast in every theme, even while a panel slides in.
 */
export function ExternalLinkButton({
  href,
  icon,
  testId,
  children,
}: {
  href: string;
  icon: ReactElement;
  testId: string;
  children: ReactNode;
}) {
  const { host } = useApp();
  return (
    <Button
      as="a"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      icon={icon}
      data-testid={testId}
      onClick={(event) => {
        if (!host.inTeams) return;
        event.preventDefault();
        host.openLink(href);
      }}
    >
      {children}
    </Button>
  );
}
