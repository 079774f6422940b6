import { Checkbox, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { ErrorCircle12Filled } from '@fluentui/react-icons';
import { useId } from 'react';
import { RITUAL_LIMITS } from '../../../api/contract';
import { offsetText } from '../ritualTime';

const useStyles = makeStyles({
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  group: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  hint: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** The reminder times the form offers, in minutes before. */
export const REMINDER_CHOICES = [7 * 24 * 60, 24 * 60, 60, 15];

/**
 * When reminders are posted in the channel: any of a week, a day, an hour, 15 minutes
 * before. A fieldset rather than a Fluent Field, which labels a single control only.
 */
export function RemindersField({
  value,
  onChange,
  message,
  passed = [],
}: {
  value: number[];
  onChange: (offsets: number[]) => void;
  message?: string;
  /** Chosen reminders already past for the first date. */
  passed?: number[];
}) {
  const styles = useStyles();
  const id = useId();
  // A ritual saved elsewhere may use other times; they stay offered so they can be unticked.
  const choices = [...new Set([...REMINDER_CHOICES, ...value])].sort((a, b) => b - a);
  const toggle = (offset: number, on: boolean) =>
    onChange(on ? [...value, offset].sort((a, b) => b - a) : value.filter((o) => o !== offset));
  return (
    <fieldset
      className={styles.fieldset}
      aria-describedby={`${message ? `${id}-error ` : ''}${id}-hint`}
      aria-invalid={message ? true : undefined}
    >
      <legend className={styles.legend}>Reminders in the channel</legend>
      <div className={styles.group}>
        {choices.map((offset, i) => (
          <Checkbox
            key={offset}
            checked={value.includes(offset)}
            onChange={(_, d) => toggle(offset, !!d.checked)}
            label={`${offsetText(offset)} before`}
            data-field={i === 0 ? 'reminderOffsets' : undefined}
            data-testid="ritual-reminder"
          />
        ))}
      </div>
      {message && (
        <Text id={`${id}-error`} size={200} className={styles.error} role="alert">
          <ErrorCircle12Filled aria-hidden="true" /> {message}
        </Text>
      )}
      <Text id={`${id}-hint`} size={200} className={styles.hint}>
        Up to {RITUAL_LIMITS.reminderOffsetsMax}. None is fine too.
      </Text>
      {passed.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="ritual-reminders-passed">
          <MessageBarBody>{passedText(passed, value)}</MessageBarBody>
        </MessageBar>
      )}
    </fieldset>
  );
}

/** What becomes of reminders already past for the first date, as the service plans them. */
export function passedText(passed: number[], chosen: number[]): string {
  const words = passed.map((m) => `${offsetText(m)} before`);
  const list =
    words.length === 1
      ? `The ${words[0]} reminder is`
      : `The ${words.slice(0, -1).join(', ')} and ${words[words.length - 1]} reminders are`;
  const allPassed = chosen.every((m) => passed.includes(m));
  return allPassed
    ? `${list} already past for the first date: one reminder is posted as soon as you save, saying how long is left. Later dates get every reminder.`
    : `${list} already past for the first date and will be skipped for it. Later dates get every reminder.`;
}
