import type { Activity } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../cards/adaptive';
import { followUpCard, openingCard, reminderCard } from '../cards/ritualCards';
import { byVotes, itemKindOf } from '../domain/rituals/ritualItems';
import type { Ritual } from '../domain/rituals/ritual';
import type { ChannelTargets, PostPlanner, RitualItemRepository, RitualRepository } from '../domain/rituals/ritualPorts';
import type { InstalledChannels } from '../domain/installation/installation';
import { nextPosts, relevanceOf } from '../domain/rituals/ritualPosts';
import type { Occurrence } from '../domain/rituals/ritual';
import type { Logger } from '../logging';
import { jobMarker, type JobHandler, type JobOutcome, type PostTarget, type Preparation, type ScheduledJob } from '../scheduler/jobs';
import { postOf } from './queuePlanner';

/** What the ritual posts need. */
export interface RitualJobDeps {
  rituals: RitualRepository;
  ritualItems: RitualItemRepository;
  channels: ChannelTargets & Pick<InstalledChannels, 'disable'>;
  planner: PostPlanner;
  log: Logger;
}

/** What members are told when Teams refuses the bot's posts in a channel for good. */
export const UNREACHABLE_DETAIL =
  'Teams refused Commonplace’s posts in this channel; the app may have been removed from the team or the channel.';

/** Names the channel a post went to, so a channel that refuses posts for good can be switched off. */
function channelKeyOf(teamId: string, channelId: string): string {
  return JSON.stringify([teamId, channelId]);
}

/**
 * Turns due ritual posts into cards: it re-reads the ritual when the post falls due, so
 * a pause, an edit, a skip or a deletion since planning is honoured, and plans the
 * ritual's next posts once one is done.
 */
export function ritualJobHandler(deps: RitualJobDeps): JobHandler {
  return {
    async prepare(job: ScheduledJob, now: Date): Promise<Preparation> {
      const post = postOf(job);
      if (!post) return { action: 'drop', reason: 'not a ritual post' };
      const ritual = await deps.rituals.get(post.communityId, post.ritualId);
      const relevance = relevanceOf(ritual, post, now);
      if (!relevance.send) return { action: 'drop', reason: relevance.reason };
      const found = await deps.channels.targetOf(ritual!.community);
      if ('status' in found) return { action: 'drop', reason: found.status.detail ?? 'the channel cannot be reached' };
      const { target } = found;
      const card = await cardFor(ritual!, relevance.occurrence, post.post, now, jobMarker(job.key), deps);
      return {
        action: 'post',
        target: {
          tenantId: target.tenantId,
          serviceUrl: target.serviceUrl,
          conversationId: target.channelId,
          channelId: target.channelId,
          ...(target.teamAadGroupId ? { teamAadGroupId: target.teamAadGroupId } : {}),
          channelKey: channelKeyOf(target.teamId, target.channelId),
        },
        activity: { type: 'message', summary: ritual!.title, attachments: [cardAttachment(card)] } satisfies Partial<Activity>,
      };
    },

    async finished(job: ScheduledJob, outcome: JobOutcome, now: Date): Promise<void> {
      const post = postOf(job);
      if (!post) return;
      if (outcome.status === 'dropped')
        deps.log.info('ritual.post_dropped', { ritualId: post.ritualId, post: post.post, reason: outcome.reason });
      const ritual = await deps.rituals.get(post.communityId, post.ritualId);
      if (ritual) await deps.planner.schedule(nextPosts(ritual, now));
    },

    async unreachable(target: PostTarget, reason: string, now: Date): Promise<void> {
      const [teamId, channelId] = JSON.parse(target.channelKey) as [string, string];
      deps.log.warn('ritual.channel_disabled', { tenantId: target.tenantId, reason });
      // The technical reason is logged; people see what it means for them.
      await deps.channels.disable(target.tenantId, teamId, channelId, UNREACHABLE_DETAIL, now.toISOString());
    },
  };
}

/** The card of a post, worded for the moment it is sent (a late reminder says the real time left). */
async function cardFor(
  ritual: Ritual,
  occurrence: Occurrence,
  post: 'reminder' | 'opening' | 'followUp',
  now: Date,
  marker: string,
  deps: RitualJobDeps,
): Promise<AdaptiveCard> {
  if (post === 'followUp') return followUpCard(ritual, occurrence, marker);
  const items = itemKindOf(ritual) ? await deps.ritualItems.list(ritual.communityId, ritual.id, occurrence.id) : [];
  const ordered = itemKindOf(ritual) === 'signup' ? items : byVotes(items);
  return post === 'reminder'
    ? reminderCard(ritual, occurrence, now, ordered, marker)
    : openingCard(ritual, occurrence, ordered, marker, now);
}
