import { steadyLoad } from '../../../test-support/steadyLoad';
import { QuietPacer, immediately } from './quietPacer';

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

  it('does not keep checking while a request is in flight, and looks again once it is answered', async () => {
    const pacer = new QuietPacer(20, 10_000, 100);
    const answered = pacer.requestStarted();
    const timers = jest.spyOn(global, 'setTimeout');
    try {
      const granted = pacer.turn(Date.now()).then((kind) => ({ kind, at: Date.now() }));
      await new Promise((r) => setTimeout(r, 200));
      // The waiter's one timer (until it is overdue) and the test's own.
      expect(timers.mock.calls.length).toBeLessThanOrEqual(2);
      const answeredAt = Date.now();
      answered();
      const { kind, at } = await granted;
      expect(kind).toBe('quiet');
      expect(at - answeredAt).toBeGreaterThanOrEqual(19);
      expect(at - answeredAt).toBeLessThan(200);
    } finally {
      timers.mockRestore();
    }
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

  it('tells when an overdue turn is free without taking it', async () => {
    const pacer = new QuietPacer(50, 0, 300);
    const stop = steadyLoad(pacer);
    try {
      const queued = Date.now() - 1;
      expect(await pacer.ready(queued)).toBe('overdue');
      expect(await pacer.ready(queued)).toBe('overdue');
      const start = Date.now();
      // The turn ready saw is still free; taking it makes the next one a gap away.
      expect(await pacer.turn(queued)).toBe('overdue');
      expect(Date.now() - start).toBeLessThan(150);
      expect(await pacer.turn(queued)).toBe('overdue');
      expect(Date.now() - start).toBeGreaterThanOrEqual(295);
    } finally {
      stop();
    }
  });

  it('under load, spaces overdue work so it holds storage for at most its share of the time', async () => {
    const pacer = new QuietPacer(50, 0, 10, 0.25);
    const stop = steadyLoad(pacer);
    try {
      const paced = pacer.paced(Date.now() - 1);
      const spans: { start: number; end: number }[] = [];
      const work = async () => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 40));
        spans.push({ start, end: Date.now() });
      };
      await Promise.all([paced(work), paced(work), paced(work)]);
      spans.sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) {
        // One at a time, and a quarter of the time: 40 ms of work, then at least 120 ms of rest.
        const took = spans[i - 1].end - spans[i - 1].start;
        expect(spans[i].start - spans[i - 1].end).toBeGreaterThanOrEqual(took * 3 - 2);
      }
    } finally {
      stop();
    }
  });

  it('runs work at once, and concurrently, when the instance is quiet', async () => {
    const pacer = new QuietPacer(20, 1_000, 1_000, 0.01);
    const paced = pacer.paced(Date.now());
    const start = Date.now();
    await Promise.all(Array.from({ length: 3 }, () => paced(() => new Promise((r) => setTimeout(r, 40)))));
    expect(Date.now() - start).toBeLessThan(100);
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
