import { measureIndexLag, measureSavesAgainstFloor, roundOrder, type SavePath } from './saves';

describe('saves against the floor', () => {
  it('puts every path in every position equally often over six rounds', () => {
    const orders = [0, 1, 2, 3, 4, 5].map(roundOrder);
    for (const order of orders) expect([...order].sort()).toEqual(['floor', 'save', 'sized']);
    for (const position of [0, 1, 2]) {
      const counts: Record<string, number> = {};
      for (const order of orders) counts[order[position]] = (counts[order[position]] ?? 0) + 1;
      expect(counts).toEqual({ floor: 2, sized: 2, save: 2 });
    }
    expect(roundOrder(6)).toEqual(roundOrder(0));
  });

  it('settles after every burst of saves, before any other burst, and pools the rounds', async () => {
    const events: string[] = [];
    const result = await measureSavesAgainstFloor({
      rounds: 2,
      perRound: 2,
      concurrency: 2,
      send: async (path, round) => void events.push(`${path}${round}`),
      settled: async () => void events.push('settled'),
    });
    expect(events).toEqual([
      ...['floor0', 'floor0', 'sized0', 'sized0', 'save0', 'save0', 'settled'],
      ...['save1', 'save1', 'settled', 'sized1', 'sized1', 'floor1', 'floor1'],
    ]);
    for (const path of ['floor', 'sized', 'save'] as SavePath[]) expect(result.latencies[path]).toHaveLength(4);
    expect(result.rounds).toHaveLength(2);
    expect(Object.keys(result.rounds[0]).sort()).toEqual(['floor', 'save', 'sized']);
    expect(result.catchUpMs).toHaveLength(2);
  });

  it('charges each path the CPU spent during its own bursts, per request, and not the catching up', async () => {
    let cpu = 0;
    const cost: Record<SavePath, number> = { floor: 10, sized: 12, save: 25 };
    const result = await measureSavesAgainstFloor({
      rounds: 3,
      perRound: 4,
      concurrency: 2,
      send: async (path) => void (cpu += cost[path]),
      settled: async () => void (cpu += 1000),
      cpuUs: () => cpu,
    });
    expect(result.cpuPerRequestUs).toEqual(cost);
  });

  it('builds each burst before its clock and CPU count start', async () => {
    let cpu = 0;
    const events: string[] = [];
    const result = await measureSavesAgainstFloor({
      rounds: 1,
      perRound: 2,
      concurrency: 1,
      prepare: (path, round) => {
        events.push(`prepare ${path}${round}`);
        cpu += 500;
      },
      send: async (path, round) => {
        events.push(`${path}${round}`);
        cpu += path === 'save' ? 25 : 10;
      },
      settled: async () => undefined,
      cpuUs: () => cpu,
    });
    expect(events).toEqual(['prepare floor0', 'floor0', 'floor0', 'prepare sized0', 'sized0', 'sized0', 'prepare save0', 'save0', 'save0']);
    expect(result.cpuPerRequestUs).toEqual({ floor: 10, sized: 10, save: 25 });
  });
});

describe('index lag', () => {
  it('times each save from its answer until search first finds it, waiting longer between searches each time', async () => {
    let now = 0;
    const searchesUntilFound = [4, 1, 2];
    const asked = [0, 0, 0];
    const { lags, notFound } = await measureIndexLag({
      saves: 3,
      concurrency: 1,
      save: async () => void (now += 100),
      found: async (i) => ++asked[i] >= searchesUntilFound[i],
      timeoutMs: 1_000,
      firstPollMs: 7,
      maxPollMs: 20,
      elapsedMs: () => now,
      sleep: async (ms) => void (now += ms),
    });
    // 7, then 14, then the 20 cap
    expect(lags).toEqual([41, 0, 7]);
    expect(notFound).toEqual([]);
    expect(asked).toEqual([4, 1, 2]);
  });

  it('counts a saved card search never finds apart, and leaves it out of the lags', async () => {
    let now = 0;
    const result = await measureIndexLag({
      saves: 2,
      concurrency: 2,
      save: async () => undefined,
      found: async (i) => i === 0,
      timeoutMs: 50,
      elapsedMs: () => now,
      sleep: async (ms) => void (now += ms),
    });
    expect(result).toEqual({ lags: [0], notFound: [1] });
  });
});
