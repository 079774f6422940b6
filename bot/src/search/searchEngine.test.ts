import type { CardSummary } from '../domain/cards/knowledgeCard';
import { parseQuery } from '../domain/search/searchQuery';
import { CommunityIndex } from './communityIndex';
import type { SearchDocument, SearchDocumentChange, SearchDocumentSource } from './searchDocuments';
import { SearchEngine } from './searchEngine';

const NOW = new Date('2026-06-01T00:00:00.000Z');

function doc(id: string, fields: Partial<CardSummary> & { text?: string; revision?: number; authors?: string[] } = {}): SearchDocument {
  const { text = '', revision = 1, authors = ['Ada Lovelace'], ...summary } = fields;
  return {
    summary: {
      id,
      title: `Card ${id}`,
      summary: '',
      excerpt: text.slice(0, 500),
      kind: 'how-to',
      tags: [],
      authorNames: authors,
      harvesterName: 'Ada Lovelace',
      createdAt: '2026-05-01T00:00:00.000Z',
      archived: false,
      reviewDueAt: '2027-01-01T00:00:00.000Z',
      ownerId: 'ada',
      ...summary,
    },
    updatedAt: summary.createdAt ?? '2026-05-01T00:00:00.000Z',
    revision,
    text,
    authorNames: authors,
  };
}

/** Storage as the engine sees it: each community's documents, and a change log by time. */
class MemorySource implements SearchDocumentSource {
  readonly documents = new Map<string, Map<string, SearchDocument>>();
  readonly log = new Map<string, SearchDocumentChange[]>();
  loads = 0;

  write(communityId: string, document: SearchDocument, at: Date): void {
    const community = this.documents.get(communityId) ?? new Map<string, SearchDocument>();
    community.set(document.summary.id, document);
    this.documents.set(communityId, community);
    this.log.set(communityId, [...(this.log.get(communityId) ?? []), { at: at.toISOString(), document }]);
  }

  async load(communityId: string) {
    this.loads += 1;
    const documents = [...(this.documents.get(communityId)?.values() ?? [])];
    return { documents, entitiesRead: documents.length };
  }

  async changesSince(communityId: string, since: string) {
    const changes = (this.log.get(communityId) ?? []).filter((c) => c.at >= since);
    return { changes, entitiesRead: changes.length };
  }
}

function clockAt(iso: string) {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const ids = (page: { hits: { card: { id: string } }[] }) => page.hits.map((h) => h.card.id);

describe('SearchEngine across instances', () => {
  it('finds a card saved through another instance once its change log is read, within the refresh interval', async () => {
    const source = new MemorySource();
    const clock = clockAt('2026-06-01T00:00:00.000Z');
    source.write('c1', doc('old', { title: 'Cache warming' }), clock.now());
    const a = new SearchEngine(source, { clock, refreshMs: 2_000 });
    const b = new SearchEngine(source, { clock, refreshMs: 2_000 });
    expect(ids(await a.search('c1', parseQuery('ocelot '), 0, 10))).toEqual([]);
    expect((await b.search('c1', parseQuery('cache '), 0, 10)).entitiesRead).toBe(1);

    // Saved through A: its indexer writes storage and tells A's engine at once.
    const saved = doc('new', { title: 'Ocelot feeding times' });
    source.write('c1', saved, clock.now());
    a.apply('c1', saved);
    expect(ids(await a.search('c1', parseQuery('ocelot '), 0, 10))).toEqual(['new']);
    // B answers from memory until its interval has passed, then reads the log.
    clock.advance(1_000);
    expect(ids(await b.search('c1', parseQuery('ocelot '), 0, 10))).toEqual([]);
    clock.advance(1_000);
    const caughtUp = await b.search('c1', parseQuery('ocelot '), 0, 10);
    expect(ids(caughtUp)).toEqual(['new']);
    expect(caughtUp.entitiesRead).toBeGreaterThan(0);
    expect(source.loads).toBe(2);
  });

  it('never lets an older revision from the log replace a newer one it holds', async () => {
    const source = new MemorySource();
    const clock = clockAt('2026-06-01T00:00:00.000Z');
    const engine = new SearchEngine(source, { clock });
    source.write('c1', doc('x', { title: 'Quokka habits', revision: 1 }), clock.now());
    await engine.search('c1', parseQuery('quokka '), 0, 10);
    engine.apply('c1', doc('x', { title: 'Platypus habits', revision: 2 }));
    clock.advance(5_000);
    expect(ids(await engine.search('c1', parseQuery('quokka '), 0, 10))).toEqual([]);
    expect(ids(await engine.search('c1', parseQuery('platypus '), 0, 10))).toEqual(['x']);
  });

  it('drops communities not searched lately, and the least recently searched when over its budget, and loads them again on demand', async () => {
    const source = new MemorySource();
    const clock = clockAt('2026-06-01T00:00:00.000Z');
    for (const c of ['c1', 'c2', 'c3']) {
      for (let i = 0; i < 20; i++) source.write(c, doc(`${c}-${i}`, { title: `Wombat note ${i}`, text: 'x '.repeat(200) }), clock.now());
    }
    const probe = new SearchEngine(source, { clock });
    await probe.search('c1', parseQuery('wombat '), 0, 10);
    const one = probe.stats().estimatedBytes;
    expect(one).toBeGreaterThan(20 * 400);
    const budgetBytes = Math.round(one * 2.5);
    const engine = new SearchEngine(source, { clock, budgetBytes, idleMs: 60_000 });
    await engine.search('c1', parseQuery('wombat '), 0, 10);
    await engine.search('c2', parseQuery('wombat '), 0, 10);
    expect(engine.stats().communities).toBe(2);
    await engine.search('c3', parseQuery('wombat '), 0, 10);
    // Over the budget: c1, searched least recently, went.
    expect(engine.stats().estimatedBytes).toBeLessThanOrEqual(budgetBytes);
    expect(engine.stats().communities).toBe(2);
    expect((await engine.search('c1', parseQuery('wombat '), 0, 10)).entitiesRead).toBe(20);
    clock.advance(61_000);
    await engine.search('c2', parseQuery('wombat '), 0, 10);
    expect(engine.stats().communities).toBe(1);
  });
});

describe('CommunityIndex', () => {
  const index = new CommunityIndex();
  index.put(doc('flags', { title: 'Ship dark with feature flags', tags: ['release'], text: 'Merge early and release when ready.' }));
  index.put(
    doc('npm', { title: 'Fix flaky npm ci', text: 'Set npm_config_fetch_retries=5 and use --prefer-offline. ECONNRESET on v1.2.3.' }),
  );
  index.put(doc('dotnet', { title: 'Moving to .NET 8 and C#', text: 'k8s too.' }));
  index.put(doc('cafe', { title: 'Café names in exports', text: 'Excel needs a BOM.' }));
  index.put(doc('archived', { title: 'Old feature flags guide', archived: true }));
  index.put(doc('stale', { title: 'Deploy checklist', reviewDueAt: '2026-01-01T00:00:00.000Z', createdAt: '2026-05-01T00:00:00.000Z' }));
  index.put(doc('fresh', { title: 'Deploy checklist', createdAt: '2026-05-01T00:00:00.000Z' }));
  index.put(doc('replies', { title: 'Slow builds', text: 'Root message.\nA reply mentions the registry mirror.' }));
  const search = (typed: string, filter?: Parameters<typeof parseQuery>[1]) => ids(index.search(parseQuery(typed, filter), 0, 10, NOW));

  it('finds technical text as typed', () => {
    for (const typed of ['npm_config_fetch_retries', '--prefer-offline', 'ECONNRESET', 'v1.2.3']) expect(search(typed)).toEqual(['npm']);
    for (const typed of ['.NET', 'C#', 'k8s']) expect(search(typed)).toEqual(['dotnet']);
  });

  it('folds case and accents, stems inflections and forgives typos by word length', () => {
    expect(search('cafe ')).toEqual(['cafe']);
    expect(search('CAFÉ ')).toEqual(['cafe']);
    expect(search('shipping ')).toEqual(['flags']);
    expect(search('flaggs ')).toEqual(['flags']);
    // Four letters are not enough for a typo to be forgiven.
    expect(search('flgs ')).toEqual([]);
  });

  it('finds a word that appears only in a reply, and says which words matched', () => {
    const page = index.search(parseQuery('registry '), 0, 10, NOW);
    expect(ids(page)).toEqual(['replies']);
    expect(page.hits[0].matched).toEqual(['registry']);
    expect(index.search(parseQuery('feature flags '), 0, 10, NOW).hits[0].matched).toEqual(['feature', 'flags']);
  });

  it('matches quoted phrases only as phrases', () => {
    expect(search('"merge early"')).toEqual(['flags']);
    expect(search('"early merge"')).toEqual([]);
  });

  it('leaves archived cards out unless the status asks for them, and combines filters with the words', () => {
    expect(search('flags ')).toEqual(['flags']);
    expect(search('flags ', { status: 'archived', now: NOW.toISOString() })).toEqual(['archived']);
    expect(search('flags ', { status: 'active', tag: 'release', now: NOW.toISOString() })).toEqual(['flags']);
    expect(search('flags ', { status: 'active', kind: 'decision', now: NOW.toISOString() })).toEqual([]);
    expect(search('deploy ', { status: 'needs-review', now: NOW.toISOString() })).toEqual(['stale']);
  });

  it('ranks a verified card above an otherwise equal one that needs review', () => {
    expect(search('deploy checklist ')).toEqual(['fresh', 'stale']);
  });

  it('offers similar cards for a paraphrase and none for an unrelated text', () => {
    expect(index.similar('Our npm ci is flaky again, ECONNRESET every morning', 3, NOW).map((h) => h.card.id)).toEqual(['npm']);
    expect(index.similar('Lunch on Friday at the new place?', 3, NOW)).toEqual([]);
  });
});
