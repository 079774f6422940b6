import { joinNames, type Person } from '../domain/shared/person';
import type { CardSummary } from '../domain/cards/knowledgeCard';
import { adaptiveCard, plain, type AdaptiveCard } from './adaptive';
import { contentElements, type ContentSection } from './knowledgeContent';
import { knowledgeCardView } from './knowledgeCardView';

/** The public thanks posted in the conversation after a save. */
export function savedAnnouncement(title: string, authors: Person[], harvester: Person): string {
  const credited = authors.filter((a) => a.id !== harvester.id);
  const thanks = credited.length
    ? ` Thanks to ${joinNames(credited)} for sharing it.`
    : authors.length
      ? ` Thanks to ${joinNames(authors)} for sharing it.`
      : '';
  return `Saved to the community: ${title}.${thanks}`;
}

/**
 * What follows the thanks in the conversation: a way to the new card in the community tab.
 * The thanks stay the message's text, which Teams also shows in notifications.
 */
export function savedAnnouncementCard(cardLink: string): AdaptiveCard {
  return adaptiveCard([], [{ type: 'Action.OpenUrl', title: 'Open in community', url: cardLink }]);
}

/** The dialog shown once a card is saved or updated. */
export function savedDialog(card: CardSummary, verb: 'Saved' | 'Updated'): AdaptiveCard {
  return adaptiveCard(
    [
      {
        type: 'Container',
        style: 'good',
        items: [
          {
            type: 'TextBlock',
            text: `${verb === 'Saved' ? 'Saved to' : 'Updated in'} the community: ${plain(card.title)}`,
            weight: 'Bolder',
            wrap: true,
          },
        ],
      },
      ...knowledgeCardView(card).body,
    ],
    [{ type: 'Action.Submit', title: 'Share in this conversation', data: { action: 'share', cardId: card.id } }],
  );
}

/**
 * A saved card opened from "Already in the community": the whole knowledge, so the
 * person can reuse it, with a way to share it or go back to saving their own.
 */
export function existingCardDialog(card: CardSummary, content: ContentSection[]): AdaptiveCard {
  const view = knowledgeCardView({ ...card, excerpt: '' }).body;
  return adaptiveCard(
    [...view, ...contentElements(content)],
    [
      { type: 'Action.Submit', title: 'Share in this conversation', data: { action: 'share', cardId: card.id } },
      { type: 'Action.Submit', title: 'Back to saving mine', data: { action: 'back' } },
    ],
  );
}

/** A dialog that explains a problem the person cannot fix from the form. */
export function problemDialog(message: string): AdaptiveCard {
  return adaptiveCard([
    { type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: plain(message), wrap: true, weight: 'Bolder' }] },
  ]);
}
