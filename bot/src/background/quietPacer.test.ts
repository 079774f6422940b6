import { QuietPacer, immediately } from './quietPacer';

/** Keeps the pacer busy, as a steady stream of short requests would, until stopped. */
function steadyLoad(pacer: QuietPacer): () => void {
  const request = () => setTimeout(pacer.requestStarted(), 2);
  request();
  const timer = setInterval(request, 5);
  return () => clearInterval(timer);
}

describe('QuietPacer', () => {
  it('lets work run at once when nothing is being served', async () => {
    const pacer = new QuietPacer(50, 1_000, 100);
    const start = Date.now();
    expect(await pacer.turn(start)).toBe('quiet');
    expect(await pacer.turn(start)).toBe('quiet');
    expect(Date.now() - start).toBeLessThan(40);
  });

  it('waits for a quiet moment after a request is answered', async () => {
    const pacer = new QuietPacer(60, 1_000, 100);
    pacer.requestStarted()();
    const start = Date.now();
    expect(await pacer.turn(start)).toBe('quiet');
    expect(Date.now() - start).toBeGreaterThanOrEqual(55);
  });

  it('is never quiet while a request is in flight, however long it takes', async () => {
    const pacer = new QuietPacer(20, 10_000, 100);
    const answered = pacer.requestStarted();
    const start = Date.now();
    const granted = pacer.turn(start).then((kind) => ({ kind, at: Date.now() }));
    await new Promise((r) => setTimeout(r, 150));
    answered();
    const { kind, at } = await granted;
    expect(kind).toBe('quiet');
    // Not before the request was answered plus a quiet moment.
    expect(at - start).toBeGreaterThanOrEqual(165);
  });

  it('counts a request once, however often its end is reported', async () => {
    const pacer = new QuietPacer(20, 10_000, 100);
    const first = pacer.requestStarted();
    const second = pacer.requestStarted();
    first();
    first();
    const start = Date.now();
    const granted = pacer.turn(start).then(() => Date.now());
    await new Promise((r) => setTimeout(r, 100));
    second();
    expect((await granted) - start).toBeGreaterThanOrEqual(115);
  });

  it('never holds work back longer than the maximum delay under steady activity', async () => {
    const pacer = new QuietPacer(50, 150, 100);
    const stop = steadyLoad(pacer);
    try {
      const start = Date.now();
      expect(await pacer.turn(start)).toBe('overdue');
      const waited = Date.now() - start;
      expect(waited).toBeGreaterThanOrEqual(145);
      expect(waited).toBeLessThan(400);
    } finally {
      stop();
    }
  });

  it('under steady activity gives overdue work one turn per gap, shared by everyone it paces', async () => {
    const pacer = new QuietPacer(50, 0, 60);
    const stop = steadyLoad(pacer);
    try {
      const queued = Date.now() - 1;
      const granted: number[] = [];
      // Two kinds of background work asking at once, as the indexer and the thank-you posts do.
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          expect(await pacer.turn(queued)).toBe('overdue');
          granted.push(Date.now());
        }),
      );
      granted.sort((a, b) => a - b);
      const gaps = granted.slice(1).map((at, i) => at - granted[i]);
      expect(gaps).toHaveLength(4);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(58);
    } finally {
      stop();
    }
  });

  it('goes back to full speed as soon as the instance is quiet again', async () => {
    const pacer = new QuietPacer(30, 0, 10_000);
    const stop = steadyLoad(pacer);
    const queued = Date.now() - 1;
    expect(await pacer.turn(queued)).toBe('overdue');
    stop();
    const start = Date.now();
    // The next overdue turn is ten seconds away; the quiet moment comes first.
    expect(await pacer.turn(queued)).toBe('quiet');
    expect(Date.now() - start).toBeLessThan(1_000);
  });

  it('has a never-waiting variant for tools and tests', async () => {
    const answered = immediately.requestStarted();
    expect(await immediately.turn(Date.now())).toBe('quiet');
    answered();
  });
});
