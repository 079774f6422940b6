import type { Contribution } from './contribution';

/** Contributions over a span of months. */
export interface ContributionRepository {
  /** Contributions from `fromMonth` (yyyy-mm, inclusive) on; all of them when absent. */
  list(communityId: string, fromMonth?: string): Promise<Contribution[]>;
}
