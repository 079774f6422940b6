import { Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { WEEKDAYS, type Nth, type RepeatEvery, type RitualFormFields } from './ritualFormFields';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    // Fields keep their own height: one with a hint must not stretch its neighbour's input.
    alignItems: 'start',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'minmax(0, 1fr)',
    // Wide enough for the longest choice ("Every quarter (3 months)"); narrower panels wrap.
    '@media (min-width: 480px)': { gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 210px), 1fr))' },
    // A select is as wide as its longest option unless told it may shrink: it would spill
    // over its neighbour instead of staying in its column.
    '& > *': { minWidth: 0 },
    '& select': { minWidth: 0 },
  },
});

const EVERY: { id: RepeatEvery; label: string }[] = [
  { id: 'week', label: 'Every week' },
  { id: 'twoWeeks', label: 'Every two weeks' },
  { id: 'month', label: 'Every month' },
  { id: 'quarter', label: 'Every quarter (3 months)' },
  { id: 'custom', label: 'Custom rule' },
];

const NTH: { id: Nth; label: string }[] = [
  { id: 1, label: 'First' },
  { id: 2, label: 'Second' },
  { id: 3, label: 'Third' },
  { id: 4, label: 'Fourth' },
  { id: 5, label: 'Fifth' },
  { id: -1, label: 'Last' },
];

type Set = <K extends keyof RitualFormFields>(name: K, value: RitualFormFields[K]) => void;

/**
 * How often: every week or two on a weekday, every month or quarter on the Nth (or last)
 * weekday, or a raw RFC 5545 rule for anything else.
 */
export function RepeatField({ fields, set, message }: { fields: RitualFormFields; set: Set; message?: string }) {
  const styles = useStyles();
  const monthly = fields.every === 'month' || fields.every === 'quarter';
  return (
    <>
      <div className={styles.row}>
        <Field label="Repeats" validationMessage={fields.every === 'custom' ? undefined : message}>
          <Select
            value={fields.every}
            onChange={(_, d) => set('every', d.value as RepeatEvery)}
            data-testid="ritual-repeat"
            data-field={fields.every === 'custom' ? undefined : 'schedule.rule'}
          >
            {EVERY.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </Select>
        </Field>
        {monthly && (
          <Field label="On the">
            <Select value={String(fields.nth)} onChange={(_, d) => set('nth', Number(d.value) as Nth)} data-testid="ritual-nth">
              {NTH.map((n) => (
                <option key={n.id} value={String(n.id)}>
                  {n.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {fields.every !== 'custom' && (
          <Field label={monthly ? 'Weekday' : 'On'}>
            <Select
              value={fields.weekday}
              onChange={(_, d) => set('weekday', d.value as RitualFormFields['weekday'])}
              data-testid="ritual-weekday"
            >
              {WEEKDAYS.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {fields.every === 'custom' && (
        <Field
          label="Repeat rule"
          required
          validationMessage={message}
          hint="An RFC 5545 rule, as calendars write it. For example FREQ=MONTHLY;BYDAY=-1FR is the last Friday of every month."
        >
          <Input
            value={fields.customRule}
            onChange={(_, d) => set('customRule', d.value)}
            spellCheck={false}
            autoComplete="off"
            data-testid="ritual-rule"
            data-field="schedule.rule"
          />
        </Field>
      )}
    </>
  );
}
