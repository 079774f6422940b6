import { CARD_URL_PARAMETER } from '../../bot/src/domain/cards/cardAddress';
import { isWellFormedId } from '../../bot/src/domain/shared/ids';

/** The tab's pages: the channel tab itself and Teams' configuration page. */
export type PageName = 'tab' | 'config';

/**
 * Which page a URL asks for. The configuration page is `?page=config` rather than a path
 * so any static file server can serve the build without rewrite rules.
 */
export function pageFromUrl(search: string): PageName {
  return new URLSearchParams(search).get('page') === 'config' ? 'config' : 'tab';
}

/**
 * The card a link asks the tab to open: the id a link carries, when it can be a card's
 * (anything else is ignored rather than sent to the service).
 */
export function startCardId(raw: string | null | undefined): string | undefined {
  return isWellFormedId(raw, { keySafe: true }) ? raw : undefined;
}

/** The card a URL outside Teams asks for (`?card=<id>`). */
export function startCardFromUrl(search: string): string | undefined {
  return startCardId(new URLSearchParams(search).get(CARD_URL_PARAMETER));
}
