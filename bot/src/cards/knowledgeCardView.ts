import { kindLabel, type CardSummary } from '../domain/cards/knowledgeCard';
import { teamsMessageLink } from '../domain/cards/messageLink';
import type { CommunityRef } from '../domain/communities/community';
import { adaptiveCard, cardDate, plain, type AdaptiveCard } from './adaptive';
import { cardLink, type CardLinkSettings } from './cardLinks';
import { cardRefresh } from './cardRefresh';
import { contentElements, SHARED_CONTENT_BUDGET, type ContentSection } from './knowledgeContent';

/** Where a card put into a conversation comes from: its community, and how links to it are made. */
export interface SharedCardOrigin {
  community: CommunityRef;
  links: CardLinkSettings;
}

/**
 * The card a person inserts into a chat from search, or opens from "Already in the
 * community": the knowledge itself, who it came from, and a way back to the source.
 * Given the card's messages it shows their beginning, each with its author, code as
 * code and links as links; otherwise the plain excerpt stands in for them.
 * Given its origin, the card is one put into a conversation: it links to the card in the
 * community tab and refreshes to the card as it is now whenever someone opens it there.
 */
export function knowledgeCardView(card: CardSummary, content?: ContentSection[], origin?: SharedCardOrigin): AdaptiveCard {
  const body: unknown[] = [
    {
      type: 'TextBlock',
      text: `${kindLabel(card.kind)} · saved to the community`,
      size: 'Small',
      isSubtle: true,
      wrap: true,
    },
    { type: 'TextBlock', text: plain(card.title), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
  ];
  if (card.archived) {
    body.unshift({
      type: 'Container',
      style: 'warning',
      items: [{ type: 'TextBlock', text: 'Archived in the community: this may be out of date.', weight: 'Bolder', wrap: true }],
    });
  }
  if (card.summary) body.push({ type: 'TextBlock', text: plain(card.summary), wrap: true });
  if (content) {
    body.push(...contentElements(content, SHARED_CONTENT_BUDGET));
  } else if (card.excerpt && card.excerpt !== card.summary) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: [{ type: 'TextBlock', text: plain(card.excerpt), wrap: true, maxLines: 8 }],
    });
  }
  const facts = [];
  if (card.authorNames.length) facts.push({ title: 'Shared by', value: plain(card.authorNames.join(', ')) });
  facts.push({ title: 'Saved by', value: `${plain(card.harvesterName)}${card.createdAt ? `, ${cardDate(card.createdAt)}` : ''}` });
  if (card.tags.length) facts.push({ title: 'Tags', value: plain(card.tags.map((t) => `#${t}`).join(' ')) });
  body.push({ type: 'FactSet', facts });
  // Checked again here so a row written before links were checked never becomes a button.
  const link = teamsMessageLink(card.sourceLink);
  const actions: unknown[] = [];
  const inCommunity = origin && cardLink(origin.community, card.id, origin.links);
  if (inCommunity) actions.push({ type: 'Action.OpenUrl', title: 'Open in community', url: inCommunity });
  if (link) actions.push({ type: 'Action.OpenUrl', title: 'Open conversation', url: link });
  return adaptiveCard(body, actions, origin ? { refresh: cardRefresh(card.id, origin.community) } : {});
}

/** What a card put into a conversation becomes once it is no longer in the community. */
export function removedCardView(): AdaptiveCard {
  return adaptiveCard([
    { type: 'TextBlock', text: 'Knowledge card', size: 'Small', isSubtle: true, wrap: true },
    { type: 'TextBlock', text: 'This card was removed from the community.', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
    {
      type: 'TextBlock',
      text: 'What was shared here is no longer part of the community’s knowledge, so it is not shown any more.',
      wrap: true,
      isSubtle: true,
    },
  ]);
}

/** The compact preview Teams lists in search results. */
export function knowledgePreview(card: CardSummary): { contentType: string; content: Record<string, unknown> } {
  const by = card.authorNames.length ? `by ${card.authorNames.join(', ')}` : `saved by ${card.harvesterName}`;
  return {
    contentType: 'application/vnd.microsoft.card.thumbnail',
    content: {
      title: literalHtml(card.title),
      subtitle: literalHtml(`${kindLabel(card.kind)} · ${by}`),
      // The text of a thumbnail card is read as markdown as well.
      text: literalHtml(plain(card.summary || card.excerpt)),
    },
  };
}

/**
 * Thumbnail cards read a little HTML; people's words must stay text. Only what HTML
 * would act on is escaped — a tag's opening, and an ampersand that starts a character
 * reference — so "&&" or "a > b" reach the reader as written, escaped once.
 */
function literalHtml(text: string): string {
  return text.replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;').replace(/</g, '&lt;');
}
