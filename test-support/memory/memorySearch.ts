import type { KnowledgeCard } from '../../bot/src/domain/cards/knowledgeCard';
import type { KnowledgeGaps } from '../../bot/src/domain/search/searchPorts';
import type { Clock } from '../../bot/src/domain/shared/clock';
import {
  searchDocumentOf,
  type SearchDocument,
  type SearchDocumentChange,
  type SearchDocumentSource,
} from '../../bot/src/search/searchDocuments';
import { SearchEngine } from '../../bot/src/search/searchEngine';
import { MemoryCardRepository } from './memoryCardRepository';
import { MemoryContributionRepository } from './memoryContributionRepository';

/**
 * Search documents in memory, as the Table indexer writes them: one per card, and a change
 * log by time. The product's own search engine reads them, so use cases that search are
 * tested on the engine people use.
 */
export class MemorySearchDocuments implements SearchDocumentSource {
  private readonly documents = new Map<string, Map<string, SearchDocument>>();
  private readonly changes = new Map<string, SearchDocumentChange[]>();

  constructor(private readonly clock: Clock) {}

  write(card: KnowledgeCard, revision: number): void {
    const document = searchDocumentOf(card, revision);
    const community = this.documents.get(card.communityId) ?? new Map<string, SearchDocument>();
    community.set(card.id, document);
    this.documents.set(card.communityId, community);
    const log = this.changes.get(card.communityId) ?? [];
    log.push({ at: this.clock.now().toISOString(), document });
    this.changes.set(card.communityId, log);
  }

  async load(communityId: string): Promise<{ documents: SearchDocument[]; entitiesRead: number }> {
    const documents = [...(this.documents.get(communityId)?.values() ?? [])];
    return { documents, entitiesRead: documents.length };
  }

  async changesSince(communityId: string, since: string): Promise<{ changes: SearchDocumentChange[]; entitiesRead: number }> {
    const changes = (this.changes.get(communityId) ?? []).filter((change) => change.at >= since);
    return { changes, entitiesRead: changes.length };
  }
}

/** Searches that found nothing, counted per community and text as the Table one counts them. */
export class MemoryKnowledgeGaps implements KnowledgeGaps {
  readonly counts = new Map<string, number>();

  async record(communityId: string, text: string): Promise<void> {
    const key = `${communityId}\n${text}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

/** A card store in memory: cards, contributions, and the product's search engine over their documents. */
export function memoryCardStore(clock: Clock) {
  const documents = new MemorySearchDocuments(clock);
  const contributions = new MemoryContributionRepository();
  // Every search reads the change log, so a card is found as soon as it is written.
  const search = new SearchEngine(documents, { clock, refreshMs: 0 });
  const cards = new MemoryCardRepository(contributions, (card, revision) => documents.write(card, revision));
  return { cards, contributions, search, gaps: new MemoryKnowledgeGaps() };
}
