import { measureSavesAgainstFloor, roundOrder } from './saves';

describe('saves against the floor', () => {
  it('alternates which path goes first', () => {
    expect([0, 1, 2, 3].map(roundOrder)).toEqual([
      ['floor', 'save'],
      ['save', 'floor'],
      ['floor', 'save'],
      ['save', 'floor'],
    ]);
  });

  it('settles after every burst of saves, before any floor call, and pools the rounds', async () => {
    const events: string[] = [];
    const result = await measureSavesAgainstFloor({
      rounds: 2,
      perRound: 3,
      concurrency: 2,
      floor: async () => void events.push('floor'),
      save: async (round) => void events.push(`save${round}`),
      settled: async () => void events.push('settled'),
    });
    expect(events).toEqual(['floor', 'floor', 'floor', 'save0', 'save0', 'save0', 'settled', 'save1', 'save1', 'save1', 'settled', 'floor', 'floor', 'floor']);
    expect(result.floor).toHaveLength(6);
    expect(result.save).toHaveLength(6);
    expect(result.rounds).toHaveLength(2);
    expect(result.catchUpMs).toHaveLength(2);
  });

  it('charges each path the CPU spent during its own bursts, per request, and not the catching up', async () => {
    let cpu = 0;
    const result = await measureSavesAgainstFloor({
      rounds: 2,
      perRound: 4,
      concurrency: 2,
      floor: async () => void (cpu += 10),
      save: async () => void (cpu += 25),
      settled: async () => void (cpu += 1000),
      cpuUs: () => cpu,
    });
    expect(result.cpuPerRequestUs).toEqual({ floor: 10, save: 25 });
  });

  it('builds each burst before its clock and CPU count start', async () => {
    let cpu = 0;
    const events: string[] = [];
    const result = await measureSavesAgainstFloor({
      rounds: 2,
      perRound: 2,
      concurrency: 1,
      prepare: (path, round) => {
        events.push(`prepare ${path}${round}`);
        cpu += 500;
      },
      floor: async () => void (cpu += 10),
      save: async (round) => {
        events.push(`save${round}`);
        cpu += 25;
      },
      settled: async () => undefined,
      cpuUs: () => cpu,
    });
    expect(events).toEqual(['prepare floor0', 'prepare save0', 'save0', 'save0', 'prepare save1', 'save1', 'save1', 'prepare floor1']);
    expect(result.cpuPerRequestUs).toEqual({ floor: 10, save: 25 });
  });
});
