import { Field, makeStyles, SearchBox, Select, tokens } from '@fluentui/react-components';
import { CARD_KINDS, SEARCH_LIMITS, type CardStatus } from '../../api/contract';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    '& > *': { minWidth: 0 },
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 720px)': { gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 3fr)' },
  },
  selects: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))',
    // Grid items otherwise keep the width of their longest option and push past a phone's edge.
    '& > *': { minWidth: 0 },
  },
  control: { width: '100%', minWidth: 0 },
});

/** The status filter's choices, in the words people use. */
export const STATUS_OPTIONS: { value: CardStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'needs-review', label: 'Needs review' },
  { value: 'archived', label: 'Archived' },
];

/** What the filters hold; `search` is the raw text, debounced by the view. */
export interface FilterValues {
  search: string;
  tag: string;
  kind: string;
  status: CardStatus;
}

/**
 * Search box and the tag, kind and status filters. Native selects keep these small,
 * keyboard-friendly and right for touch on phones.
 */
export function CardFilters({
  values,
  tags,
  onChange,
}: {
  values: FilterValues;
  tags: string[];
  onChange: (values: FilterValues) => void;
}) {
  const styles = useStyles();
  // A tag picked from a card stays choosable even when the tag list has not loaded it.
  const tagOptions = values.tag && !tags.includes(values.tag) ? [values.tag, ...tags] : tags;
  return (
    <div role="search" className={styles.root} aria-label="Search and filter knowledge">
      <Field label="Search knowledge">
        <SearchBox
          className={styles.control}
          value={values.search}
          maxLength={SEARCH_LIMITS.queryMaxLength}
          placeholder="Words from a card or its conversation"
          onChange={(_, data) => onChange({ ...values, search: data.value })}
          data-testid="card-search"
        />
      </Field>
      <div className={styles.selects}>
        <Field label="Tag">
          <Select
            className={styles.control}
            value={values.tag}
            onChange={(_, data) => onChange({ ...values, tag: data.value })}
            data-testid="filter-tag"
          >
            <option value="">All tags</option>
            {tagOptions.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Kind">
          <Select
            className={styles.control}
            value={values.kind}
            onChange={(_, data) => onChange({ ...values, kind: data.value })}
            data-testid="filter-kind"
          >
            <option value="">All kinds</option>
            {CARD_KINDS.map((kind) => (
              <option key={kind.id} value={kind.id}>
                {kind.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Status">
          <Select
            className={styles.control}
            value={values.status}
            onChange={(_, data) => onChange({ ...values, status: data.value as CardStatus })}
            data-testid="filter-status"
          >
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </div>
  );
}
