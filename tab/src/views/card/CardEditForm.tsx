import { Button, Field, Input, makeStyles, Select, Spinner, Textarea, tokens } from '@fluentui/react-components';
import { useQuery } from '../../data/useQuery';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { CARD_KINDS, CARD_LIMITS, COMMUNITY_LIMITS, type CardDetail, type EditCard } from '../../api/contract';
import { tagsQuery } from '../../data/queries';
import { useApp } from '../../session/AppContext';
import { validateCardEdit, type CardEditFields } from './cardEditValidation';
import { TagInput } from './TagInput';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  row: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

function fieldsOf(card: CardDetail): CardEditFields {
  return {
    title: card.title,
    summary: card.summary,
    kind: card.kind,
    tags: card.tags,
    reviewIntervalDays: String(card.reviewIntervalDays),
  };
}

/**
 * Curation of a card's title, summary, kind, tags and review interval. Checked with the
 * contract's schema as people type; only changed fields are sent, with the card's version.
 */
export function CardEditForm({
  card,
  busy,
  serverErrors,
  onSave,
  onCancel,
}: {
  card: CardDetail;
  busy: boolean;
  /** Field messages from the service's 400, shown until the field changes again. */
  serverErrors: Record<string, string>;
  onSave: (edit: EditCard) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const { api, community } = useApp();
  const initial = useMemo(() => fieldsOf(card), [card]);
  const [fields, setFields] = useState<CardEditFields>(initial);
  const [touched, setTouched] = useState<Set<keyof CardEditFields>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const tags = useQuery(tagsQuery(api, community.key));
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The Edit button that opened the form is gone; focus goes to the first field instead of the page.
    titleRef.current?.focus();
  }, []);

  const result = validateCardEdit(card, initial, fields);
  const messageFor = (name: keyof CardEditFields): string | undefined => {
    if (!touched.has(name) && !submitted) return serverErrors[name];
    return result.errors[name] ?? (touched.has(name) ? undefined : serverErrors[name]);
  };
  const set = <K extends keyof CardEditFields>(name: K, value: CardEditFields[K]) => {
    setFields((f) => ({ ...f, [name]: value }));
    setTouched((t) => new Set(t).add(name));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (result.edit) onSave(result.edit);
  };

  const counter = (length: number, max: number) => `${length} of ${max} characters`;
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Edit card" data-testid="card-edit-form">
      <Field label="Title" required validationMessage={messageFor('title')} hint={counter(fields.title.length, CARD_LIMITS.titleMaxLength)}>
        <Input ref={titleRef} value={fields.title} onChange={(_, d) => set('title', d.value)} data-testid="edit-title" />
      </Field>
      <Field label="Summary" validationMessage={messageFor('summary')} hint={counter(fields.summary.length, CARD_LIMITS.summaryMaxLength)}>
        <Textarea
          value={fields.summary}
          resize="vertical"
          rows={4}
          onChange={(_, d) => set('summary', d.value)}
          data-testid="edit-summary"
        />
      </Field>
      <div className={styles.row}>
        <Field label="Kind" validationMessage={messageFor('kind')}>
          <Select value={fields.kind} onChange={(_, d) => set('kind', d.value)} data-testid="edit-kind">
            {CARD_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Review every (days)"
          validationMessage={messageFor('reviewIntervalDays')}
          hint={`From ${COMMUNITY_LIMITS.reviewIntervalDaysMin} to ${COMMUNITY_LIMITS.reviewIntervalDaysMax} days`}
        >
          <Input
            type="number"
            inputMode="numeric"
            min={COMMUNITY_LIMITS.reviewIntervalDaysMin}
            max={COMMUNITY_LIMITS.reviewIntervalDaysMax}
            value={fields.reviewIntervalDays}
            onChange={(_, d) => set('reviewIntervalDays', d.value)}
            data-testid="edit-review-days"
          />
        </Field>
      </div>
      <Field label="Tags" validationMessage={messageFor('tags')} hint={`Up to ${CARD_LIMITS.tagsMax} tags`}>
        <TagInput value={fields.tags} onChange={(t) => set('tags', t)} suggestions={tags.data ?? []} />
      </Field>
      <div className={styles.buttons}>
        <Button
          type="submit"
          appearance="primary"
          disabled={busy || (submitted && !result.edit)}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          data-testid="card-save-button"
        >
          {busy ? 'Saving…' : 'Save changes'}
        </Button>
        <Button onClick={onCancel} disabled={busy} data-testid="card-cancel-button">
          Cancel
        </Button>
      </div>
    </form>
  );
}
