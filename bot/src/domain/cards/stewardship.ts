import type { Person } from '../shared/person';

/** How often a card is reviewed unless its community or owner says otherwise. */
export const REVIEW_INTERVAL_DEFAULT_DAYS = 90;

/** Changes kept on a card: enough to answer "who touched this lately", bounded so the row stays small. */
export const HISTORY_KEPT = 50;

/** What someone did to a card. */
export type CardAction = 'created' | 'edited' | 'archived' | 'restored' | 'verified' | 'reassigned';

/** One recorded change: who, when, what. */
export interface CardChange {
  at: string;
  by: Person;
  action: CardAction;
  /** The fields an edit changed. */
  fields?: string[];
  /** The new owner, when a manager reassigned the card. */
  owner?: Person;
}

/**
 * Who looks after a card and whether it is still right (verification, Guru-style),
 * and whether it is archived. Cards saved before these existed read with defaults.
 */
export interface Stewardship {
  owner: Person;
  reviewIntervalDays: number;
  verifiedAt: string;
  verifiedBy: Person;
  archivedAt?: string;
  archivedBy?: Person;
  history: CardChange[];
}

/** The stewardship fields as a card carries them: each may be absent on older cards. */
export type StoredStewardship = Partial<Stewardship>;

/** A card's stewardship with defaults: the harvester owns it and verified it when saving. */
export function stewardshipOf(card: StoredStewardship & { harvester: Person; createdAt: string }): Stewardship {
  return {
    owner: card.owner ?? card.harvester,
    reviewIntervalDays: card.reviewIntervalDays ?? REVIEW_INTERVAL_DEFAULT_DAYS,
    verifiedAt: card.verifiedAt ?? card.createdAt,
    verifiedBy: card.verifiedBy ?? card.harvester,
    ...(card.archivedAt ? { archivedAt: card.archivedAt, archivedBy: card.archivedBy ?? card.harvester } : {}),
    history: card.history ?? [{ at: card.createdAt, by: card.harvester, action: 'created' }],
  };
}

const DAY_MS = 86_400_000;

/** When a card is next due for review (ISO 8601). */
export function reviewDueAt(stewardship: Pick<Stewardship, 'verifiedAt' | 'reviewIntervalDays'>): string {
  return new Date(Date.parse(stewardship.verifiedAt) + stewardship.reviewIntervalDays * DAY_MS).toISOString();
}

/** Whether a card is past its review interval. Archived cards are never due. */
export function needsReview(stewardship: Stewardship, now: Date): boolean {
  return !stewardship.archivedAt && Date.parse(reviewDueAt(stewardship)) <= now.getTime();
}

/** The history with one more change, newest last, bounded to {@link HISTORY_KEPT}. */
export function withChange(history: CardChange[], change: CardChange): CardChange[] {
  return [...history, change].slice(-HISTORY_KEPT);
}
