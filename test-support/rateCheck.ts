import { TEAMS_CONVERSATION_WINDOWS, type RateWindow } from '../bot/src/scheduler/rateLimiter';

/** One request as Teams would count it: when it arrived, for whom. */
export interface ArrivedSend {
  tenantId: string;
  conversationId: string;
  /** Epoch milliseconds of arrival. */
  at: number;
}

/** A stretch of time in which more requests arrived than a window allows. */
export interface RateViolation {
  scope: 'conversation' | 'tenant';
  id: string;
  window: RateWindow;
  /** The most requests seen in one stretch of the window's length. */
  count: number;
  from: number;
}

/** Limits the checker holds requests to: Teams' per-conversation windows, and Teams' 50 per second per app per tenant. */
export interface RateLimits {
  conversationWindows?: readonly RateWindow[];
  tenantWindows?: readonly RateWindow[];
}

/** Every window overrun, at most one (the worst) per conversation or tenant and window. */
export function rateViolations(sends: ArrivedSend[], limits: RateLimits = {}): RateViolation[] {
  const conversationWindows = limits.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS;
  const tenantWindows = limits.tenantWindows ?? [{ ms: 1_000, max: 50 }];
  const violations: RateViolation[] = [];
  const check = (scope: RateViolation['scope'], groups: Map<string, number[]>, windows: readonly RateWindow[]) => {
    for (const [id, times] of groups) {
      times.sort((a, b) => a - b);
      for (const window of windows) {
        let worst = { count: 0, from: 0 };
        // Two pointers: for each request, how many arrived in the window's length from it.
        for (let i = 0, j = 0; i < times.length; i++) {
          while (j < times.length && times[j] < times[i] + window.ms) j++;
          if (j - i > worst.count) worst = { count: j - i, from: times[i] };
        }
        if (worst.count > window.max) violations.push({ scope, id, window, ...worst });
      }
    }
  };
  const by = (key: (s: ArrivedSend) => string) => {
    const groups = new Map<string, number[]>();
    for (const s of sends) {
      const times = groups.get(key(s)) ?? [];
      times.push(s.at);
      groups.set(key(s), times);
    }
    return groups;
  };
  check(
    'conversation',
    by((s) => `${s.tenantId}/${s.conversationId}`),
    conversationWindows,
  );
  check(
    'tenant',
    by((s) => s.tenantId),
    tenantWindows,
  );
  return violations;
}

/** The most requests any one conversation received in a stretch of each window's length. */
export function busiestConversation(
  sends: ArrivedSend[],
  windows: readonly RateWindow[] = TEAMS_CONVERSATION_WINDOWS,
): { window: RateWindow; count: number; conversationId: string }[] {
  const byConversation = new Map<string, number[]>();
  for (const s of sends) {
    const id = `${s.tenantId}/${s.conversationId}`;
    const times = byConversation.get(id) ?? [];
    times.push(s.at);
    byConversation.set(id, times);
  }
  return windows.map((window) => {
    let busiest = { window, count: 0, conversationId: '' };
    for (const [id, times] of byConversation) {
      times.sort((a, b) => a - b);
      for (let i = 0, j = 0; i < times.length; i++) {
        while (j < times.length && times[j] < times[i] + window.ms) j++;
        if (j - i > busiest.count) busiest = { window, count: j - i, conversationId: id };
      }
    }
    return busiest;
  });
}
