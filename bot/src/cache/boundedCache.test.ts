import { BoundedCache } from './boundedCache';

describe('BoundedCache', () => {
  it('forgets an entry once it has been kept for its lifetime, by the clock it is given', () => {
    let elapsed = 0;
    const cache = new BoundedCache<string>(10, 1_000, () => elapsed);
    cache.set('a', 'A');
    elapsed = 999;
    expect(cache.get('a')).toBe('A');
    elapsed = 1_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the least recently used entry when full', () => {
    const cache = new BoundedCache<number>(2, 60_000, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
});
