import { parseQuery } from '../domain/search/searchQuery';
import { CommunityIndex } from './communityIndex';
import { RELEVANCE_QUERIES, evaluateRelevance, relevanceDocuments } from './relevanceSet';

const NOW = new Date('2026-06-01T00:00:00.000Z');

describe('relevance on the test set', () => {
  it('finds the expected card in the first five for at least 90% of searches typed as people type them', async () => {
    const documents = relevanceDocuments();
    expect(documents.length).toBeGreaterThanOrEqual(200);
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(60);
    const index = new CommunityIndex();
    for (const document of documents) index.put(document);
    const figures = await evaluateRelevance(
      async (query) => index.search(parseQuery(query), 0, 10, NOW).hits.map((h) => h.card.id),
      documents.length,
    );
    // Shown on failure, and kept in docs/benchmarks.md.
    const report = `recall@5 ${figures.recallAt5.toFixed(3)}, MRR ${figures.mrr.toFixed(3)}; misses ${JSON.stringify(figures.misses, null, 1)}`;
    expect({ recallAt5: figures.recallAt5 >= 0.9, report }).toEqual({ recallAt5: true, report });
  });
});
