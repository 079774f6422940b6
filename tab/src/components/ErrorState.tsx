import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { messageOf } from '../api/errors';

/** A failure that says what happened and offers to try again. */
export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <MessageBar intent="error" layout="multiline" data-testid="error-state">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle> {messageOf(error)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button icon={<ArrowClockwiseRegular />} onClick={onRetry} data-testid="retry-button">
            Retry
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
