import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, type FormEvent } from 'react';
import { RITUAL_KINDS, RITUAL_LIMITS, ritualKind, type RitualInput, type RitualKindId, type RitualView } from '../../../api/contract';
import { useApp } from '../../../session/AppContext';
import { HostsField } from './HostsField';
import { RemindersField } from './RemindersField';
import { newRitualFields, ritualFields } from './ritualFormFields';
import { ScheduleFields } from './ScheduleFields';
import { useRitualForm } from './useRitualForm';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalS, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  buttons: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  blocked: { color: tokens.colorNeutralForeground2 },
});

/**
 * Creates or edits a ritual. Checked as people type with the same rules the service uses;
 * Save with a problem left shows every message and focuses the first field to fix.
 */
export function RitualForm({
  initial,
  initialKind = 'ama',
  busy,
  serverErrors,
  saveLabel,
  onSave,
  onCancel,
}: {
  /** The ritual to edit; a new one when absent. */
  initial?: RitualView;
  initialKind?: RitualKindId;
  busy: boolean;
  /** Field messages from the service's 400, by field name (`schedule.rule`). */
  serverErrors: Record<string, string>;
  saveLabel: string;
  onSave: (input: RitualInput) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const { me, format } = useApp();
  const start = useMemo(
    () => (initial ? ritualFields(initial) : newRitualFields(initialKind, me.person, format.timeZone, new Date())),
    [initial, initialKind, me.person, format.timeZone],
  );
  const { fields, set, message, blocked, submit, check, formRef, otherServerErrors } = useRitualForm(start, serverErrors, !initial);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The button that opened the form is gone or behind it: focus starts at the first field.
    titleRef.current?.focus();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = submit();
    if (input) onSave(input);
  };

  const counter = (length: number, max: number) => `${length} of ${max} characters`;
  return (
    <form
      ref={formRef}
      className={styles.form}
      onSubmit={onSubmit}
      noValidate
      aria-label={initial ? 'Edit ritual' : 'New ritual'}
      data-testid="ritual-form"
    >
      {otherServerErrors.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{otherServerErrors.join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>What it is</legend>
        <Field
          label="Title"
          required
          validationMessage={message('title')}
          hint={counter(fields.title.length, RITUAL_LIMITS.titleMaxLength)}
        >
          <Input
            ref={titleRef}
            value={fields.title}
            onChange={(_, d) => set('title', d.value)}
            data-testid="ritual-title"
            data-field="title"
          />
        </Field>
        <Field
          label="Kind"
          required
          validationMessage={message('kind')}
          hint={
            initial
              ? ritualKind(fields.kind).hint
              : `${ritualKind(fields.kind).hint} Picking a kind fills in its usual rhythm, length and reminders.`
          }
        >
          <Select value={fields.kind} onChange={(_, d) => set('kind', d.value as RitualKindId)} data-testid="ritual-kind" data-field="kind">
            {RITUAL_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Description"
          validationMessage={message('description')}
          hint={counter(fields.description.length, RITUAL_LIMITS.descriptionMaxLength)}
        >
          <Textarea
            value={fields.description}
            rows={3}
            resize="vertical"
            onChange={(_, d) => set('description', d.value)}
            data-testid="ritual-description"
            data-field="description"
          />
        </Field>
        <HostsField value={fields.hosts} onChange={(hosts) => set('hosts', hosts)} message={message('hosts')} />
        {fields.kind === 'ama' && (
          <Field
            label="Featured expert"
            validationMessage={message('featuredExpert')}
            hint="Who answers the questions, when it is not the host."
          >
            <Input
              value={fields.featuredExpert}
              onChange={(_, d) => set('featuredExpert', d.value)}
              data-testid="ritual-expert"
              data-field="featuredExpert"
            />
          </Field>
        )}
        <Field label="Meeting link" validationMessage={message('meetingUrl')} hint="The Teams meeting (or other https link) people join.">
          <Input
            type="url"
            inputMode="url"
            placeholder="https://"
            value={fields.meetingUrl}
            onChange={(_, d) => set('meetingUrl', d.value)}
            data-testid="ritual-meeting-url"
            data-field="meetingUrl"
          />
        </Field>
      </fieldset>

      <ScheduleFields fields={fields} set={set} message={message} repeats={check.repeats} preview={check.preview} />

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Reminders and sign-ups</legend>
        <RemindersField
          value={fields.reminderOffsets}
          onChange={(o) => set('reminderOffsets', o)}
          message={message('reminderOffsets')}
          passed={check.passedReminders}
        />
        {fields.kind === 'showAndTell' && (
          <Field
            label="Presenter slots"
            required
            validationMessage={message('slots')}
            hint={`How many people can sign up each time (1 to ${RITUAL_LIMITS.slotsMax}).`}
          >
            <Input
              type="number"
              inputMode="numeric"
              min={1}
              max={RITUAL_LIMITS.slotsMax}
              value={fields.slots}
              onChange={(_, d) => set('slots', d.value)}
              data-testid="ritual-slots-input"
              data-field="slots"
            />
          </Field>
        )}
      </fieldset>

      <div className={styles.buttons}>
        <Button
          type="submit"
          appearance="primary"
          disabledFocusable={busy || blocked}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          data-testid="ritual-save-button"
        >
          {busy ? 'Saving…' : saveLabel}
        </Button>
        <Button onClick={onCancel} disabled={busy} data-testid="ritual-cancel-button">
          Cancel
        </Button>
        {blocked && (
          <Text size={200} className={styles.blocked}>
            Fix the fields marked above to save.
          </Text>
        )}
      </div>
    </form>
  );
}
