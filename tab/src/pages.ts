/** The tab's pages: the channel tab itself and Teams' configuration page. */
export type PageName = 'tab' | 'config';

/**
 * Which page a URL asks for. The configuration page is `?page=config` rather than a path
 * so any static file server can serve the build without rewrite rules.
 */
export function pageFromUrl(search: string): PageName {
  return new URLSearchParams(search).get('page') === 'config' ? 'config' : 'tab';
}
