import type { Contribution } from '../../bot/src/domain/contributors/contribution';
import type { ContributionRepository } from '../../bot/src/domain/contributors/contributorPorts';
import { copy } from './versions';

/**
 * Contributions in memory, as the card repository records them. One record per person,
 * time, card and role: recording the same contribution again changes nothing, as Table
 * storage's upsert of the same row does.
 */
export class MemoryContributionRepository implements ContributionRepository {
  private readonly byCommunity = new Map<string, Map<string, Contribution>>();

  /** Records contributions to a card, with the card's title as it is now (what lists show). */
  record(communityId: string, contributions: Contribution[], title: string): void {
    const rows = this.byCommunity.get(communityId) ?? new Map<string, Contribution>();
    this.byCommunity.set(communityId, rows);
    for (const c of contributions) {
      rows.set([c.person.id, c.at, c.cardId, c.role].join('\n'), { ...copy(c), title });
    }
  }

  async list(communityId: string, fromMonth?: string): Promise<Contribution[]> {
    const rows = [...(this.byCommunity.get(communityId)?.values() ?? [])];
    return (
      rows
        .filter((c) => !fromMonth || c.at.slice(0, 7) >= fromMonth)
        // Table storage's order: month, then person, newest first.
        .sort(
          (a, b) =>
            a.at.slice(0, 7).localeCompare(b.at.slice(0, 7)) ||
            a.person.id.localeCompare(b.person.id) ||
            b.at.localeCompare(a.at) ||
            a.cardId.localeCompare(b.cardId) ||
            a.role.localeCompare(b.role),
        )
        .map(copy)
    );
  }
}
