import { measure, percentile, summarize } from './stats';

describe('benchmark statistics', () => {
  it('uses nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(summarize([3, 1, 2])).toEqual({ count: 3, p50: 2, p95: 3, p99: 3, max: 3, mean: 2 });
  });

  it('never has more calls in flight than the concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const latencies = await measure(20, 4, async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight -= 1;
    });
    expect(latencies).toHaveLength(20);
    expect(peak).toBe(4);
  });
});
