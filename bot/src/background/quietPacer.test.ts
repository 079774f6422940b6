import { QuietPacer } from './quietPacer';

describe('QuietPacer', () => {
  it('lets work run at once when nothing is being served', async () => {
    const pacer = new QuietPacer(50, 1_000);
    const start = Date.now();
    expect(await pacer.quietMoment(start)).toBe('quiet');
    expect(Date.now() - start).toBeLessThan(40);
  });

  it('waits for a quiet moment after activity', async () => {
    const pacer = new QuietPacer(60, 1_000);
    pacer.noteActivity();
    const start = Date.now();
    await pacer.quietMoment(start);
    expect(Date.now() - start).toBeGreaterThanOrEqual(55);
  });

  it('never holds work back longer than the maximum delay under steady activity', async () => {
    const pacer = new QuietPacer(50, 150);
    pacer.noteActivity();
    const busy = setInterval(() => pacer.noteActivity(), 5);
    const start = Date.now();
    expect(await pacer.quietMoment(start)).toBe('overdue');
    clearInterval(busy);
    const waited = Date.now() - start;
    expect(waited).toBeGreaterThanOrEqual(145);
    expect(waited).toBeLessThan(400);
  });
});
