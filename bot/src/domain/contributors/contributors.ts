import type { Person } from '../shared/person';
import type { Contribution } from './contribution';
import type { ContributionRepository } from './contributorPorts';

/** The spans the contributors view offers. */
export type ContributorPeriod = 'month' | 'quarter' | 'all';

/** One person's contributions in a period. */
export interface ContributorSummary {
  person: Person;
  harvested: number;
  authored: number;
  curated: number;
  recent: { cardId: string; title: string; role: Contribution['role']; at: string }[];
}

/** Everyone who contributed in a period, most contributions first. */
export interface ContributorsReport {
  period: ContributorPeriod;
  from?: string;
  totals: { cards: number; people: number };
  people: ContributorSummary[];
}

const PEOPLE_SHOWN = 50;
const RECENT_SHOWN = 5;

/**
 * The first day of a period, in UTC. Months and quarters are calendar ones, so "this
 * quarter" means the same to everyone in the community.
 */
export function periodStart(period: ContributorPeriod, now: Date): Date | undefined {
  if (period === 'all') return undefined;
  const month = period === 'month' ? now.getUTCMonth() : now.getUTCMonth() - (now.getUTCMonth() % 3);
  return new Date(Date.UTC(now.getUTCFullYear(), month, 1));
}

/**
 * Who harvested, who was credited and who curated, counted in distinct cards. It
 * celebrates: only people who contributed appear, most first, and nobody is ranked last.
 */
export async function contributorsReport(
  query: { communityId: string; period: ContributorPeriod; now: Date },
  ports: { contributions: ContributionRepository },
): Promise<ContributorsReport> {
  const from = periodStart(query.period, query.now);
  const contributions = await ports.contributions.list(query.communityId, from?.toISOString().slice(0, 7));
  const byPerson = new Map<string, { person: Person; cards: Record<Contribution['role'], Set<string>>; all: Contribution[] }>();
  const cards = new Set<string>();
  for (const c of contributions) {
    if (from && c.at < from.toISOString()) continue;
    cards.add(c.cardId);
    const entry = byPerson.get(c.person.id) ?? {
      person: c.person,
      cards: { harvester: new Set(), author: new Set(), curator: new Set() },
      all: [],
    };
    byPerson.set(c.person.id, entry);
    entry.cards[c.role].add(c.cardId);
    entry.all.push(c);
  }
  const people = [...byPerson.values()]
    .map((e): ContributorSummary & { total: number } => ({
      person: e.person,
      harvested: e.cards.harvester.size,
      authored: e.cards.author.size,
      curated: e.cards.curator.size,
      total: e.cards.harvester.size + e.cards.author.size + e.cards.curator.size,
      recent: recentOf(e.all),
    }))
    .sort((a, b) => b.total - a.total || a.person.name.localeCompare(b.person.name))
    .slice(0, PEOPLE_SHOWN)
    .map(({ total: _total, ...rest }) => rest);
  return {
    period: query.period,
    ...(from ? { from: from.toISOString() } : {}),
    totals: { cards: cards.size, people: byPerson.size },
    people,
  };
}

/** A person's latest contributions, one line per card and role. */
function recentOf(contributions: Contribution[]): ContributorSummary['recent'] {
  const seen = new Set<string>();
  return [...contributions]
    .sort((a, b) => b.at.localeCompare(a.at))
    .filter((c) => !seen.has(`${c.cardId}|${c.role}`) && seen.add(`${c.cardId}|${c.role}`))
    .slice(0, RECENT_SHOWN)
    .map((c) => ({ cardId: c.cardId, title: c.title ?? '', role: c.role, at: c.at }));
}
