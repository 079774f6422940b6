import type { TurnContext } from 'botbuilder';
import { BoundedCache } from '../cache/boundedCache';
import type { Logger } from '../logging';
import type { TeamInstallations } from '../domain/installation/installation';
import type { Clock } from '../domain/shared/clock';
import { teamOfActivity } from './activityContext';

/** A team is recorded again after this long, so renames and service URL moves are picked up. */
const REFRESH_MS = 6 * 60 * 60_000;

/**
 * Records the teams the bot hears from (installation, channel messages), so the API can
 * later ask Microsoft Graph about a team the tab names. Recording never fails a turn.
 */
export function teamRecorder(registry: Pick<TeamInstallations, 'remember'>, clock: Clock, log: Logger) {
  const recent = new BoundedCache<true>(10_000, REFRESH_MS);
  return async (context: TurnContext): Promise<void> => {
    const team = teamOfActivity(context.activity);
    if (!team) return;
    const key = `${team.tenantId}\n${team.teamId}\n${team.aadGroupId ?? ''}\n${team.name ?? ''}`;
    if (recent.get(key)) return;
    try {
      await registry.remember({ ...team, seenAt: clock.now().toISOString() });
      recent.set(key, true);
    } catch (error) {
      log.warn('team.record_failed', { error: String((error as Error)?.message ?? error) });
    }
  };
}
