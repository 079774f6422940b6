import { Button } from '@fluentui/react-components';
import { VideoRegular } from '@fluentui/react-icons';
import { useApp } from '../../../session/AppContext';

/** Whether a meeting link is safe to offer: https only. */
export function isMeetingLink(url: string | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** "Join the meeting", in a new tab (through Teams when the tab runs in Teams). */
export function MeetingLink({ href }: { href: string }) {
  const { host } = useApp();
  return (
    <Button
      as="a"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      icon={<VideoRegular />}
      data-testid="ritual-meeting-link"
      onClick={(event) => {
        if (!host.inTeams) return;
        event.preventDefault();
        host.openLink(href);
      }}
    >
      Join the meeting
    </Button>
  );
}
