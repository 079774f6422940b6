import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RemindersStatus } from '../../api/contract';

const DEFAULT_DETAIL: Record<Exclude<RemindersStatus['state'], 'active'>, string> = {
  waiting: 'Reminders start once Commonplace is added to this team.',
  disabled: 'Commonplace can no longer post in this channel, so no reminders go out. Add Commonplace to the team again to restart them.',
};

/** Why reminders are not being posted, when they are not; nothing while they are. */
export function RemindersStatusBar({ status }: { status: RemindersStatus }) {
  if (status.state === 'active') return null;
  return (
    <MessageBar intent={status.state === 'waiting' ? 'info' : 'warning'} layout="multiline" data-testid="reminders-status">
      <MessageBarBody>
        <MessageBarTitle>{status.state === 'waiting' ? 'Reminders are not on yet' : 'Reminders have stopped'}</MessageBarTitle>{' '}
        {status.detail ?? DEFAULT_DETAIL[status.state]}
      </MessageBarBody>
    </MessageBar>
  );
}
