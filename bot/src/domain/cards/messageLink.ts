/**
 * The hosts Teams serves message links from: the commercial cloud (GCC included),
 * its newer domain, GCC High, DoD and the cloud operated by 21Vianet.
 */
const TEAMS_HOSTS: ReadonlySet<string> = new Set([
  'teams.microsoft.com',
  'teams.cloud.microsoft',
  'gov.teams.microsoft.us',
  'dod.teams.microsoft.us',
  'teams.microsoftonline.cn',
]);

/**
 * A link to a message as it may be stored and shown as "Open conversation": an https
 * link to one of Teams' own hosts, as the URL parser serializes it; undefined for
 * anything else (other schemes, other hosts, credentials or ports in the authority).
 * A card keeps no link rather than one that could lead a reader anywhere else.
 */
export function teamsMessageLink(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !TEAMS_HOSTS.has(url.hostname) || url.port || url.username || url.password) return undefined;
  return url.href;
}
