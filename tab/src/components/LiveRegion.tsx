import { useVisuallyHidden } from './visuallyHidden';

/**
 * A polite live region. Screen readers announce its text when it changes, e.g. how many
 * cards a search found, without moving focus.
 */
export function LiveRegion({ message, testId }: { message: string; testId?: string }) {
  const hidden = useVisuallyHidden();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={hidden.root} data-testid={testId}>
      {message}
    </div>
  );
}
