import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { RITUAL_LIMITS } from '../../../api/contract';
import type { Occurrence } from '../../../api/rituals';
import { zoneCity } from '../ritualTime';
import type { FieldKey } from './ritualFormValidation';
import type { RitualFormFields } from './ritualFormFields';
import { RepeatField } from './RepeatField';
import { SchedulePreview } from './SchedulePreview';
import { TimeZoneField } from './TimeZoneField';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalS, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  row: {
    display: 'grid',
    // Fields keep their own height: one with a hint must not stretch its neighbour's input.
    alignItems: 'start',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
});

type Set = <K extends keyof RitualFormFields>(name: K, value: RitualFormFields[K]) => void;

/** When: first date and time on the ritual's own clock, its zone, how it repeats, length and end. */
export function ScheduleFields({
  fields,
  set,
  message,
  repeats,
  preview,
}: {
  fields: RitualFormFields;
  set: Set;
  message: (key: FieldKey) => string | undefined;
  repeats?: string;
  preview: Occurrence[];
}) {
  const styles = useStyles();
  const clock = fields.timeZone ? `${zoneCity(fields.timeZone)} time` : 'the ritual’s time';
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>When</legend>
      <div className={styles.row}>
        <Field label="First date" required validationMessage={message('schedule.firstStart')}>
          <Input
            type="date"
            value={fields.firstDate}
            onChange={(_, d) => set('firstDate', d.value)}
            data-testid="ritual-first-date"
            data-field="schedule.firstStart"
          />
        </Field>
        <Field label="Start time" required validationMessage={message('firstTime')} hint={`In ${clock}`}>
          <Input
            type="time"
            value={fields.firstTime}
            onChange={(_, d) => set('firstTime', d.value)}
            data-testid="ritual-first-time"
            data-field="firstTime"
          />
        </Field>
      </div>
      <TimeZoneField value={fields.timeZone} onChange={(zone) => set('timeZone', zone)} message={message('schedule.timeZone')} />
      <RepeatField fields={fields} set={set} message={message('schedule.rule')} />
      <SchedulePreview repeats={repeats} preview={preview} timeZone={fields.timeZone} />
      <div className={styles.row}>
        <Field
          label="Length in minutes"
          required
          validationMessage={message('schedule.durationMinutes')}
          hint={`0 for a thread without a meeting; at most ${RITUAL_LIMITS.durationMinutesMax}.`}
        >
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={RITUAL_LIMITS.durationMinutesMax}
            value={fields.durationMinutes}
            onChange={(_, d) => set('durationMinutes', d.value)}
            data-testid="ritual-duration"
            data-field="schedule.durationMinutes"
          />
        </Field>
        <Field label="Last date (optional)" validationMessage={message('schedule.until')} hint="Leave empty to keep it going.">
          <Input
            type="date"
            value={fields.until}
            onChange={(_, d) => set('until', d.value)}
            data-testid="ritual-until"
            data-field="schedule.until"
          />
        </Field>
      </div>
    </fieldset>
  );
}
