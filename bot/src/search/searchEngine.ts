import type { CardHit, CardHitPage, CardSearchEngine } from '../domain/search/searchPorts';
import type { CardQuery } from '../domain/search/searchQuery';
import type { Clock } from '../domain/shared/clock';
import type { Logger } from '../logging';
import { CommunityIndex } from './communityIndex';
import type { SearchDocument, SearchDocumentSource } from './searchDocuments';

export interface SearchEngineOptions {
  /**
   * Wall time, for the refresh interval, idleness and the change log's window (which other
   * instances write with theirs). A query's own `now` ranks cards due for review.
   */
  clock: Clock;
  log?: Logger;
  /** Estimated bytes all communities' indexes may hold; the least recently searched go first. */
  budgetBytes?: number;
  /** A community not searched for this long is dropped from memory. */
  idleMs?: number;
  /** How often a search checks storage's change log for cards saved through other instances. */
  refreshMs?: number;
  /**
   * How far back each check reads again: instances' clocks differ a little, and a change
   * is logged with its writer's time, so the window overlaps the previous one.
   */
  overlapMs?: number;
}

export const SEARCH_ENGINE_DEFAULTS = {
  budgetBytes: 450 * 1024 * 1024,
  idleMs: 30 * 60_000,
  refreshMs: 2_000,
  overlapMs: 10_000,
} as const;

interface Loaded {
  index: CommunityIndex;
  /** Changes logged at or after this were not necessarily seen. */
  changesFrom: number;
  checkedAt: number;
  usedAt: number;
  refreshing?: Promise<number>;
}

/**
 * The search engine of every community: each community's index is built from storage on
 * its first search (one partition read), kept in memory while it is searched, refreshed
 * from the community's change log at most every `refreshMs` (so a card saved through
 * another instance is found within seconds), and dropped when not searched for `idleMs`
 * or when the memory budget needs room. The instance's own saves are applied at once
 * ({@link apply}).
 */
export class SearchEngine implements CardSearchEngine {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<{ entry: Loaded; entitiesRead: number }>>();
  private readonly options: Required<Omit<SearchEngineOptions, 'log'>> & { log?: Logger };

  constructor(
    private readonly source: SearchDocumentSource,
    options: SearchEngineOptions,
  ) {
    this.options = { ...SEARCH_ENGINE_DEFAULTS, ...options };
  }

  async search(communityId: string, query: CardQuery, skip: number, take: number): Promise<CardHitPage> {
    const { entry, entitiesRead } = await this.current(communityId);
    const now = query.filter?.now ? new Date(query.filter.now) : this.options.clock.now();
    const page = entry.index.search(query, skip, take, now);
    return { ...page, entitiesRead };
  }

  async similar(communityId: string, text: string, max: number): Promise<CardHit[]> {
    const { entry } = await this.current(communityId);
    return entry.index.similar(text, max, this.options.clock.now());
  }

  /** A card this instance has just indexed: found by the next search here without waiting for the change log. */
  apply(communityId: string, document: SearchDocument): void {
    this.loaded.get(communityId)?.index.put(document);
    this.evict();
  }

  /** What the engine holds, for the benchmark and the health of the service. */
  stats(): { communities: number; cards: number; estimatedBytes: number } {
    let cards = 0;
    let estimatedBytes = 0;
    for (const entry of this.loaded.values()) {
      cards += entry.index.count;
      estimatedBytes += entry.index.bytes;
    }
    return { communities: this.loaded.size, cards, estimatedBytes };
  }

  /** Drops every index: each is built again from storage on its next search. */
  clear(): void {
    this.loaded.clear();
  }

  /** The community's index, loaded or brought up to date, with the storage entities that took. */
  private async current(communityId: string): Promise<{ entry: Loaded; entitiesRead: number }> {
    const now = this.options.clock.now().getTime();
    const entry = this.loaded.get(communityId);
    if (!entry) return this.load(communityId);
    entry.usedAt = now;
    // Refresh the map's order: the last entry is the most recently searched.
    this.loaded.delete(communityId);
    this.loaded.set(communityId, entry);
    if (now - entry.checkedAt < this.options.refreshMs) return { entry, entitiesRead: 0 };
    entry.refreshing ??= this.refresh(communityId, entry).finally(() => (entry.refreshing = undefined));
    return { entry, entitiesRead: await entry.refreshing };
  }

  private async refresh(communityId: string, entry: Loaded): Promise<number> {
    const started = this.options.clock.now().getTime();
    const since = new Date(entry.changesFrom - this.options.overlapMs).toISOString();
    try {
      const { changes, entitiesRead } = await this.source.changesSince(communityId, since);
      for (const change of changes) entry.index.put(change.document);
      entry.changesFrom = started;
      entry.checkedAt = started;
      this.evict();
      return entitiesRead;
    } catch (error) {
      // Searching what is held beats failing the search; the next one tries again.
      this.options.log?.warn('search.refreshFailed', { error: String((error as Error)?.message ?? error) });
      return 0;
    }
  }

  private load(communityId: string): Promise<{ entry: Loaded; entitiesRead: number }> {
    const pending = this.loading.get(communityId);
    if (pending) return pending.then(({ entry }) => ({ entry, entitiesRead: 0 }));
    const started = this.options.clock.now().getTime();
    const loading = this.source
      .load(communityId)
      .then(({ documents, entitiesRead }) => {
        const index = new CommunityIndex();
        for (const document of documents) index.put(document);
        // Changes logged while the partition was read are read again at the first refresh.
        const entry: Loaded = { index, changesFrom: started, checkedAt: started, usedAt: started };
        this.loaded.set(communityId, entry);
        this.evict(communityId);
        return { entry, entitiesRead };
      })
      .finally(() => this.loading.delete(communityId));
    this.loading.set(communityId, loading);
    return loading;
  }

  /** Drops communities not searched lately, then the least recently searched while over budget. */
  private evict(keep?: string): void {
    const now = this.options.clock.now().getTime();
    let total = 0;
    for (const [communityId, entry] of this.loaded) {
      if (communityId !== keep && now - entry.usedAt > this.options.idleMs) this.loaded.delete(communityId);
      else total += entry.index.bytes;
    }
    for (const [communityId, entry] of this.loaded) {
      if (total <= this.options.budgetBytes) break;
      if (communityId === keep) continue;
      this.loaded.delete(communityId);
      total -= entry.index.bytes;
    }
  }
}
