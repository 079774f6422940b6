import { Field, Input } from '@fluentui/react-components';
import type { useCommunityForm } from './useCommunityForm';

/** The community name field, shared by the configuration page and the settings. */
export function CommunityNameField({
  form,
  readOnly,
  showAllErrors,
}: {
  form: ReturnType<typeof useCommunityForm>;
  readOnly?: boolean;
  showAllErrors?: boolean;
}) {
  return (
    <Field
      label="Community name"
      required={!readOnly}
      validationMessage={form.message(showAllErrors)}
      hint={readOnly ? 'Only community managers can rename the community.' : 'People see this name at the top of the tab.'}
    >
      <Input value={form.name} readOnly={readOnly} onChange={(_, d) => form.setName(d.value)} data-testid="config-name" />
    </Field>
  );
}
