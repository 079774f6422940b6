import { Button, Field, Input, makeStyles, Radio, RadioGroup, Spinner, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { occurrenceChangeSchema, RITUAL_LIMITS, type OccurrenceChangeInput, type OccurrenceView } from '../../../api/contract';
import { FormDialog } from '../../../components/FormDialog';
import type { ChangeResult } from '../../../data/useVersionedChange';
import { useApp } from '../../../session/AppContext';
import { occurrenceLabel, wallClock, zoneCity } from '../ritualTime';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'grid',
    // Fields keep their own height: one with a hint must not stretch its neighbour's input.
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 400px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
});

type Field = 'kind' | 'movedTo' | 'reason';

/**
 * Skips or moves one occurrence: asks why (members see the reason) and, for a move, the
 * new date and time on the ritual's own clock.
 */
export function OccurrenceChangeDialog({
  occurrence,
  timeZone,
  version,
  busy,
  onSubmit,
  onClose,
}: {
  occurrence: OccurrenceView;
  timeZone: string;
  version: string;
  busy: boolean;
  onSubmit: (body: OccurrenceChangeInput) => Promise<ChangeResult>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { format } = useApp();
  const original = wallClock(occurrence.startsAt, timeZone);
  const [kind, setKind] = useState<'skipped' | 'moved'>('skipped');
  const [date, setDate] = useState(original.date);
  const [time, setTime] = useState(original.time);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState<Set<Field>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});

  const body: OccurrenceChangeInput = { version, kind, reason, ...(kind === 'moved' ? { movedTo: `${date}T${time}` } : {}) };
  const parsed = occurrenceChangeSchema.safeParse(body);
  const errors: Partial<Record<Field, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as Field;
      errors[name] ??= issue.message;
    }
  }
  if (kind === 'moved' && !errors.movedTo && `${date}T${time}` === `${original.date}T${original.time}`) {
    errors.movedTo = 'Choose a different date or time, or skip it instead.';
  }
  const message = (name: Field) => serverErrors[name] ?? (touched.has(name) || submitted ? errors[name] : undefined);
  const touch = (name: Field) => {
    setTouched((t) => new Set(t).add(name));
    setServerErrors((e) => ({ ...e, [name]: undefined }));
  };

  const submit = async () => {
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return;
    const result = await onSubmit(body);
    if (result.ok || result.conflict || result.gone) onClose();
    else setServerErrors({ kind: result.fieldErrors.kind, movedTo: result.fieldErrors.movedTo, reason: result.fieldErrors.reason });
  };

  const when = occurrenceLabel(occurrence.startsAt, timeZone, format);
  return (
    <FormDialog
      title={`Change ${when}`}
      testId="occurrence-change-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      contentClassName={styles.content}
      actions={
        <>
          <Button
            type="submit"
            appearance="primary"
            disabled={busy}
            icon={busy ? <Spinner size="tiny" /> : undefined}
            data-testid="occurrence-change-save"
          >
            {kind === 'skipped' ? 'Skip this date' : 'Move it'}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </>
      }
    >
      <Field label="What should happen?" validationMessage={message('kind')}>
        <RadioGroup
          value={kind}
          onChange={(_, d) => {
            setKind(d.value as 'skipped' | 'moved');
            touch('kind');
          }}
        >
          <Radio value="skipped" label="Skip it this time" />
          <Radio value="moved" label="Move it to another date or time" />
        </RadioGroup>
      </Field>
      {kind === 'moved' && (
        <div className={styles.row}>
          <Field
            label="New date"
            required
            validationMessage={message('movedTo')}
            hint={`In the ritual’s time zone (${zoneCity(timeZone)} time).`}
          >
            <Input
              type="date"
              value={date}
              onChange={(_, d) => {
                setDate(d.value);
                touch('movedTo');
              }}
              data-testid="occurrence-moved-date"
            />
          </Field>
          <Field label="New time" required>
            <Input
              type="time"
              value={time}
              onChange={(_, d) => {
                setTime(d.value);
                touch('movedTo');
              }}
              data-testid="occurrence-moved-time"
            />
          </Field>
        </div>
      )}
      <Field
        label="Why? Members see this next to the date"
        required
        validationMessage={message('reason')}
        hint={`${reason.length} of ${RITUAL_LIMITS.reasonMaxLength} characters`}
      >
        <Textarea
          value={reason}
          resize="vertical"
          onChange={(_, d) => {
            setReason(d.value);
            touch('reason');
          }}
          data-testid="occurrence-reason"
        />
      </Field>
    </FormDialog>
  );
}
