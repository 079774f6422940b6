import { toSafeContent } from '../content/sanitize';
import type { CardSummary, StoredCard } from '../domain/cards/knowledgeCard';
import { summarize } from '../domain/cards/knowledgeCard';
import { teamsMessageLink } from '../domain/cards/messageLink';
import { reviewDueAt, stewardshipOf } from '../domain/cards/stewardship';
import { canCurate, canReassign, canVerify, type Actor } from '../domain/cards/curateCard';
import type { OpenedCommunity } from '../domain/communities/communities';
import type { CardDetail, CardListItem, CommunityView } from './contract';
import { communityKeyOf } from './communityKey';

/** A card in a list. */
export function presentListItem(card: CardSummary, now: Date, matched?: string[]): CardListItem {
  // Only a Teams link reaches the tab, whatever an older row holds.
  const sourceLink = teamsMessageLink(card.sourceLink);
  return {
    id: card.id,
    title: card.title,
    summary: card.summary,
    excerpt: card.excerpt,
    kind: card.kind,
    tags: card.tags,
    authorNames: card.authorNames,
    harvesterName: card.harvesterName,
    createdAt: card.createdAt,
    ...(sourceLink ? { sourceLink } : {}),
    archived: card.archived,
    reviewDueAt: card.reviewDueAt,
    needsReview: !card.archived && Boolean(card.reviewDueAt) && card.reviewDueAt <= now.toISOString(),
    ...(matched?.length ? { matched } : {}),
  };
}

/** The whole card, with what the caller may do with it. */
export function presentCard(card: StoredCard, actor: Actor, now: Date): CardDetail {
  const stewardship = stewardshipOf(card);
  return {
    ...presentListItem(summarize(card), now),
    reviewDueAt: reviewDueAt(stewardship),
    // Stored HTML was sanitized at harvest; it is sanitized again on the way out so a
    // row written by anything else can never carry markup to the tab.
    messages: card.messages.map((m) => ({
      messageId: m.messageId,
      author: m.author,
      sentAt: m.sentAt,
      html: toSafeContent({ content: m.html, contentType: 'html' }, Infinity).html,
    })),
    authors: card.authors,
    harvester: card.harvester,
    owner: stewardship.owner,
    updatedAt: card.updatedAt,
    updatedBy: card.updatedBy,
    reviewIntervalDays: stewardship.reviewIntervalDays,
    verifiedAt: stewardship.verifiedAt,
    verifiedBy: stewardship.verifiedBy,
    history: [...stewardship.history].reverse(),
    version: card.version,
    can: { curate: canCurate(card, actor), verify: canVerify(card, actor), reassign: canReassign(card, actor) },
  };
}

/** A community as the caller sees it. */
export function presentCommunity(opened: OpenedCommunity, channelName?: string): CommunityView {
  return {
    key: communityKeyOf(opened.ref),
    name: opened.profile.name ?? channelName ?? 'Community',
    configured: opened.profile.name !== undefined,
    role: opened.role,
    managers: opened.profile.managers,
    reviewIntervalDays: opened.profile.reviewIntervalDays,
  };
}
