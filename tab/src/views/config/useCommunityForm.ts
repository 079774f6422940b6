import { useState } from 'react';
import { configureCommunitySchema, type ConfigureCommunity } from '../../api/contract';

/**
 * State of the form naming a community (configuration page and settings), checked with the
 * contract's `configureCommunitySchema` on every keystroke.
 */
export function useCommunityForm(initialName: string) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string>();

  const parsed = configureCommunitySchema.safeParse({ name });
  const error = parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Check the community name.');
  const value: ConfigureCommunity | undefined = parsed.success ? parsed.data : undefined;

  return {
    name,
    value,
    setName(text: string) {
      setName(text);
      setTouched(true);
      setServerError(undefined);
    },
    /** The message to show: the service's, else the schema's once the field was touched. */
    message(showAll = false): string | undefined {
      return serverError ?? (touched || showAll ? error : undefined);
    },
    /** Shows the service's message for the name from a 400's field errors. */
    setServerErrors(errors: Record<string, string>) {
      setServerError(errors.name);
    },
  };
}
