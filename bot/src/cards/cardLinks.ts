import { CARD_URL_PARAMETER, TAB_ENTITY_ID } from '../domain/cards/cardAddress';
import type { CommunityRef } from '../domain/communities/community';

/** What a link to a card is made from, beside the card and its community (see AppConfig.cardLinks). */
export interface CardLinkSettings {
  /** The id Teams knows the app by: with it, links are Teams deep links to the channel tab. */
  teamsAppId?: string;
  /** The tab's own address outside Teams (local development): links are `<tabUrl>?card=<id>`. */
  tabUrl?: string;
}

/**
 * The link that opens the community tab on a card: in Teams a deep link to the channel's
 * tab with the card as its sub-page (the tab reads it back as `page.subPageId`); without a
 * Teams app id, the tab's own address with `?card=`. Only a channel has the tab, so a card
 * of a group or personal chat has no link.
 */
export function cardLink(community: CommunityRef, cardId: string, settings: CardLinkSettings): string | undefined {
  if (community.scope !== 'channel') return undefined;
  if (settings.teamsAppId) {
    const context = JSON.stringify({ subEntityId: cardId, channelId: community.conversationId });
    return (
      `https://teams.microsoft.com/l/entity/${encodeURIComponent(settings.teamsAppId)}/${encodeURIComponent(TAB_ENTITY_ID)}` +
      `?tenantId=${encodeURIComponent(community.tenantId)}&context=${encodeURIComponent(context)}`
    );
  }
  if (settings.tabUrl) {
    const url = new URL(settings.tabUrl);
    url.searchParams.set(CARD_URL_PARAMETER, cardId);
    return url.href;
  }
  return undefined;
}
