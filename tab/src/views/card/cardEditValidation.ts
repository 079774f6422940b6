import { editCardSchema, type CardDetail, type EditCard } from '../../api/contract';
import { tagProblem } from './tags';

/** The edit form's fields as typed (the interval stays text until it is checked). */
export interface CardEditFields {
  title: string;
  summary: string;
  kind: string;
  tags: string[];
  reviewIntervalDays: string;
}

/** Messages per field, and the edit to send when there are none. */
export interface CardEditValidation {
  errors: Partial<Record<keyof CardEditFields, string>>;
  /** `version` plus the fields that changed; undefined while any field is invalid. */
  edit?: EditCard;
}

function sameTags(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * Checks the form with the contract's own schema, so the messages are exactly the ones
 * the service would send back, and people see them while typing rather than after saving.
 */
export function validateCardEdit(card: CardDetail, initial: CardEditFields, fields: CardEditFields): CardEditValidation {
  const errors: CardEditValidation['errors'] = {};
  const daysText = fields.reviewIntervalDays.trim();
  const days = daysText === '' ? Number.NaN : Number(daysText);
  if (!Number.isFinite(days)) errors.reviewIntervalDays = 'Enter a number of days.';

  const parsed = editCardSchema.safeParse({
    version: card.version,
    title: fields.title,
    summary: fields.summary,
    kind: fields.kind,
    tags: fields.tags,
    reviewIntervalDays: Number.isFinite(days) ? days : undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as keyof CardEditFields;
      if (name in initial && !errors[name]) errors[name] = issue.message;
    }
  }
  if (!errors.tags) {
    const problem = fields.tags.map(tagProblem).find((p) => p !== undefined);
    if (problem) errors.tags = problem;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };

  const edit: EditCard = { version: card.version };
  if (fields.title !== initial.title) edit.title = parsed.data.title;
  if (fields.summary !== initial.summary) edit.summary = parsed.data.summary;
  if (fields.kind !== initial.kind) edit.kind = parsed.data.kind;
  if (!sameTags(fields.tags, initial.tags)) edit.tags = parsed.data.tags;
  if (days !== Number(initial.reviewIntervalDays)) edit.reviewIntervalDays = days;
  return { errors, edit };
}

/** Whether an edit changes anything beyond naming the version. */
export function changesSomething(edit: EditCard): boolean {
  return Object.keys(edit).some((k) => k !== 'version');
}
