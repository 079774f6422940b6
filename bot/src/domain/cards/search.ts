import type { CardKind, CardSummary } from './knowledgeCard';

/** Which cards a listing shows: archived cards only when asked for. */
export type CardStatusFilter = 'active' | 'needs-review' | 'archived';

/** Narrows a listing or search. */
export interface CardFilter {
  status: CardStatusFilter;
  kind?: CardKind;
  tag?: string;
  /** ISO 8601; a card due for review at or before this needs review. */
  now: string;
}

/** Whether a listed card passes a filter. */
export function matchesFilter(card: CardSummary, filter: CardFilter | undefined): boolean {
  const status = filter?.status ?? 'active';
  if (status === 'archived' ? !card.archived : card.archived) return false;
  if (status === 'needs-review' && !(filter && card.reviewDueAt && card.reviewDueAt <= filter.now)) return false;
  if (filter?.kind && card.kind !== filter.kind) return false;
  if (filter?.tag && !card.tags.includes(filter.tag)) return false;
  return true;
}
