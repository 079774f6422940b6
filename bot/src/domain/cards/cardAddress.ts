/*
 * Where a card can be opened: the community tab, on the card. Shared by the service, which
 * puts links to cards in what it posts, and the tab, which opens the card a link names.
 */

/**
 * The entity id the configuration page gives the channel tab. Teams deep links name the tab
 * by it, so it never changes: tabs people already added keep it.
 */
export const TAB_ENTITY_ID = 'commonplace-community';

/** The tab's URL parameter naming the card to open at start, outside Teams (`?card=<id>`). */
export const CARD_URL_PARAMETER = 'card';
