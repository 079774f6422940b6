import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { sendProblem } from '../api/problems';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
// From its module, not the package index (see botApp.ts).
import type { Application } from '@microsoft/teams-ai/lib/Application';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { Logger } from '../logging';
import { UnreadableActivityError } from '../teams/activityContext';
import { runTurn } from '../teams/botApp';

/**
 * The Teams adapter, with its token check and turn exposed as one call. Its own `process`
 * sends failures to console.error as stack traces and echoes their message to the caller.
 */
export class BotAdapter extends TeamsAdapter {
  /** Verifies `authorization` and runs the turn; rejects with a 401 `statusCode` when the token is refused. */
  handle(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/** What the bot endpoint needs. */
export interface BotEndpointDeps {
  adapter: BotAdapter;
  app: Application<TurnState>;
  log: Logger;
}

// A field given as null is as if absent, as Bot Framework serializers write them.
const account = z.object({ id: z.string().nullish(), name: z.string().nullish(), aadObjectId: z.string().nullish() }).passthrough();

/**
 * The envelope of a Bot Framework activity, as far as the SDK and our handlers read it
 * without checking: a field of the wrong type here would fail deep inside a turn.
 */
const activityEnvelopeSchema = z
  .object({
    type: z.string().min(1),
    name: z.string().nullish(),
    id: z.string().nullish(),
    serviceUrl: z.string().nullish(),
    channelId: z.string().nullish(),
    from: account.nullish(),
    recipient: account.nullish(),
    conversation: z
      .object({ id: z.string().nullish(), conversationType: z.string().nullish(), tenantId: z.string().nullish() })
      .passthrough()
      .nullish(),
    channelData: z.object({}).passthrough().nullish(),
  })
  .passthrough();

/**
 * `POST /api/messages`: verifies the Bot Framework token and runs the turn. A refused token
 * is one JSON log line and a plain 401; a failed turn a logged error and a plain 500.
 */
export function botEndpoint(deps: BotEndpointDeps): RequestHandler {
  return async (req: Request, res: Response) => {
    const envelope = activityEnvelopeSchema.safeParse(req.body);
    if (!envelope.success) {
      const fields = [...new Set(envelope.error.issues.map((i) => i.path.join('.') || 'body'))].join(', ');
      sendProblem(res, {
        status: 400,
        title: 'Not an activity',
        detail: `The body must be a Bot Framework activity; these fields are not as one has them: ${fields}.`,
      });
      return;
    }
    try {
      const answer = await deps.adapter.handle(req.get('authorization') ?? '', withDates(req.body as RawActivity), (context) =>
        runTurn(deps.app, context),
      );
      res.status(answer?.status ?? 200);
      if (answer?.body !== undefined) res.json(answer.body);
      else res.end();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 401) {
        deps.log.warn('bot.auth_rejected', { hadToken: Boolean(req.get('authorization')) });
        sendProblem(res, { status: 401, title: 'Not authorized', detail: 'The request does not carry a valid Bot Framework token.' });
        return;
      }
      if (error instanceof UnreadableActivityError) {
        deps.log.warn('bot.activity_unreadable', { field: error.field });
        if (!res.headersSent)
          sendProblem(res, { status: 400, title: 'Not an activity', detail: `The activity's ${error.field} is not an id Teams gives.` });
        return;
      }
      deps.log.error('bot.turn_failed', {}, error);
      if (!res.headersSent) sendProblem(res, { status: 500, title: 'Internal error', detail: 'Something went wrong on our side.' });
    }
  };
}

type RawActivity = Record<string, unknown>;

/** Activities carry their times as strings; the SDK's types (and our handlers) expect Dates, as its own endpoint gives them. */
function withDates(body: RawActivity): Activity {
  const activity = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return activity as unknown as Activity;
}
