import type { PlannedPost, PostPlanner, RitualPostKind } from '../domain/rituals/ritualPorts';
import type { JobQueue, ScheduledJob } from '../scheduler/jobs';

/** A planned post as a scheduler job: the job's data carries what the post is about. */
export function jobOf(post: PlannedPost): ScheduledJob {
  return {
    key: post.key,
    dueAt: post.dueAt,
    tenantId: post.tenantId,
    data: {
      communityId: post.communityId,
      ritualId: post.ritualId,
      occurrenceId: post.occurrenceId,
      post: post.post,
      ...(post.offsetMinutes !== undefined ? { offsetMinutes: String(post.offsetMinutes) } : {}),
    },
  };
}

/** The planned post a job stands for, or undefined for a job that is not a ritual post. */
export function postOf(job: ScheduledJob): PlannedPost | undefined {
  const { communityId, ritualId, occurrenceId, post, offsetMinutes } = job.data;
  if (!communityId || !ritualId || !occurrenceId || !['reminder', 'opening', 'followUp'].includes(post)) return undefined;
  return {
    key: job.key,
    dueAt: job.dueAt,
    tenantId: job.tenantId,
    communityId,
    ritualId,
    occurrenceId,
    post: post as RitualPostKind,
    ...(offsetMinutes !== undefined ? { offsetMinutes: Number(offsetMinutes) } : {}),
  };
}

/** Ritual posts planned into the scheduler's queue. */
export function queuePlanner(queue: JobQueue): PostPlanner {
  return { schedule: (posts) => (posts.length ? queue.schedule(posts.map(jobOf)) : Promise.resolve()) };
}
