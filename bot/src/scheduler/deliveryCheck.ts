import type { GraphTokenProvider } from '../auth/graphToken';
import type { AppConfig } from '../config/config';
import type { PostTarget } from './jobs';

/**
 * Whether a post went out. Asked when an instance may have posted a job and then
 * stopped (crashed, lost its lease, or got an ambiguous answer) before recording it.
 */
export interface DeliveryCheck {
  /** true: the post is there; false: it is not; undefined: cannot tell (the engine then posts again and warns). */
  wasPosted(target: PostTarget, marker: string, since: Date): Promise<boolean | undefined>;
}

/** Local development has no Graph: it can never tell. */
export const noDeliveryCheck: DeliveryCheck = { wasPosted: async () => undefined };

const GRAPH_TIMEOUT_MS = 5_000;
const MAX_PAGES = 3;
/** Clocks of Teams and this instance may differ a little. */
const CLOCK_SKEW_MS = 5 * 60_000;

interface ChatMessage {
  createdDateTime?: string;
  attachments?: { content?: unknown }[];
}

/**
 * Looks for the job's marker in the cards of the channel's latest messages, through
 * Microsoft Graph with the app's identity and the team's resource-specific consent
 * (ChannelMessage.Read.Group). Graph lists a channel's messages newest first, so once a
 * page reaches messages older than the first attempt, the post is known not to be there.
 */
export class GraphDeliveryCheck implements DeliveryCheck {
  constructor(
    private readonly tokenFor: GraphTokenProvider,
    private readonly graphBaseUrl: string,
  ) {}

  async wasPosted(target: PostTarget, marker: string, since: Date): Promise<boolean | undefined> {
    if (!target.teamAadGroupId || !target.channelId) return undefined;
    try {
      const token = await this.tokenFor(target.tenantId);
      // A post into a thread is a reply of its root; anything else is a root message.
      const root = /;messageid=(\d+)/.exec(target.conversationId)?.[1];
      const base = `${this.graphBaseUrl}/v1.0/teams/${encodeURIComponent(target.teamAadGroupId)}/channels/${encodeURIComponent(target.channelId)}/messages`;
      let url: string | undefined = `${base}${root ? `/${root}/replies` : ''}?$top=50`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
        });
        if (!response.ok) return undefined;
        const body = (await response.json()) as { value?: ChatMessage[]; '@odata.nextLink'?: string };
        const messages = body.value ?? [];
        if (messages.some((m) => carriesMarker(m, marker))) return true;
        const reachedBefore = messages.some((m) => Date.parse(m.createdDateTime ?? '') < since.getTime() - CLOCK_SKEW_MS);
        url = body['@odata.nextLink'];
        if (reachedBefore || !url) return false;
      }
      return undefined;
    } catch {
      return undefined;
    }
  }
}

function carriesMarker(message: ChatMessage, marker: string): boolean {
  return (message.attachments ?? []).some((a) =>
    (typeof a.content === 'string' ? a.content : JSON.stringify(a.content ?? '')).includes(marker),
  );
}

/** The delivery check for the service's settings: Graph when the bot has credentials, none locally. */
export function deliveryCheckFor(config: Pick<AppConfig, 'botAuth' | 'graphBaseUrl'>, graphTokens: GraphTokenProvider): DeliveryCheck {
  return config.botAuth ? new GraphDeliveryCheck(graphTokens, config.graphBaseUrl) : noDeliveryCheck;
}
