import type { CardDetail, CardListItem, CommunityView, ContributorsView, Me } from '../api/contract';

/*
 * Contract-valid data for component tests. Each builder takes overrides so a test states
 * only what it is about.
 */

const day = 24 * 3600 * 1000;
/** A fixed "now" the builders date things from. */
export const NOW = new Date('2026-03-15T12:00:00Z');
/** An ISO date `days` before {@link NOW}. */
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * day).toISOString();

/** The signed-in person in most tests. */
export const ANA = { id: 'person-ana', name: 'Ana Lima' };
/** A manager and author. */
export const BEN = { id: 'person-ben', name: 'Ben Okafor' };
/** A contributor who is not a manager. */
export const CHLOE = { id: 'person-chloe', name: 'Chloé Martin' };

/** The signed-in person; not in local development mode unless told. */
export function makeMe(overrides: Partial<Me> = {}): Me {
  return { person: ANA, tenantId: 'tenant-1', development: false, ...overrides };
}

/** A community where the caller is a manager unless told otherwise. */
export function makeCommunity(overrides: Partial<CommunityView> = {}): CommunityView {
  return {
    key: 'community-key-1',
    name: 'Platform Guild',
    configured: true,
    role: 'manager',
    managers: [BEN],
    reviewIntervalDays: 90,
    ...overrides,
  };
}

/** A whole card; `can` allows everything unless told otherwise. */
export function makeCard(overrides: Partial<CardDetail> = {}): CardDetail {
  const id = overrides.id ?? 'card-1';
  return {
    id,
    title: 'Rotate the staging certificates',
    summary: 'Run the rotation script, then restart the gateway.',
    excerpt: 'Run the rotation script…',
    kind: 'how-to',
    tags: ['certificates', 'staging'],
    authorNames: [BEN.name],
    harvesterName: ANA.name,
    createdAt: daysAgo(3),
    sourceLink: 'https://teams.microsoft.com/l/message/19:abc/123',
    archived: false,
    reviewDueAt: daysAgo(-87),
    needsReview: false,
    messages: [{ messageId: 'm1', author: BEN, sentAt: daysAgo(3), html: '<p>Run <code>rotate.sh</code>, then restart.</p>' }],
    authors: [BEN],
    harvester: ANA,
    owner: ANA,
    updatedAt: daysAgo(3),
    updatedBy: ANA,
    reviewIntervalDays: 90,
    verifiedAt: daysAgo(3),
    verifiedBy: ANA,
    history: [{ at: daysAgo(3), by: ANA, action: 'created' }],
    version: 'v1',
    can: { curate: true, verify: true, reassign: true },
    ...overrides,
  };
}

/** The list view of a card. */
export function listItemOf(card: CardDetail): CardListItem {
  const { id, title, summary, excerpt, kind, tags, authorNames, harvesterName, createdAt, sourceLink, archived, reviewDueAt, needsReview } =
    card;
  return { id, title, summary, excerpt, kind, tags, authorNames, harvesterName, createdAt, sourceLink, archived, reviewDueAt, needsReview };
}

/** Contributors for a period; two people by default. */
export function makeContributors(overrides: Partial<ContributorsView> = {}): ContributorsView {
  return {
    period: 'month',
    from: daysAgo(14),
    totals: { cards: 3, people: 2 },
    people: [
      {
        person: BEN,
        harvested: 1,
        authored: 2,
        curated: 0,
        recent: [{ cardId: 'card-1', title: 'Rotate the staging certificates', role: 'author', at: daysAgo(3) }],
      },
      {
        person: CHLOE,
        harvested: 2,
        authored: 0,
        curated: 1,
        recent: [{ cardId: 'card-2', title: 'Choosing a queue', role: 'harvester', at: daysAgo(5) }],
      },
    ],
    ...overrides,
  };
}
