import { composeKey, escapeKeyPart, newestFirst, prefixUpperBound, unescapeKeyPart } from './keys';

describe('Table keys', () => {
  it('escapes every character Table keys forbid, and our separator', () => {
    const raw = 'a/b\\c#d?e%f|g\u0001h\u007fi';
    const escaped = escapeKeyPart(raw);
    expect(escaped).not.toMatch(/[/\\#?|\u0000-\u001f\u007f-\u009f]/);
    expect(unescapeKeyPart(escaped)).toBe(raw);
  });

  it('escapes a recurring part the same way every time, however many parts came between', () => {
    const parts = Array.from({ length: 2_500 }, (_, i) => `tenant-${i}|channel|team|19:c${i}@thread.tacv2`);
    for (const round of [1, 2]) {
      for (const part of parts) expect([round, escapeKeyPart(part)]).toEqual([round, part.replaceAll('|', '%7C')]);
    }
  });

  it('leaves Teams ids readable', () => {
    expect(escapeKeyPart('19:abc@thread.tacv2')).toBe('19:abc@thread.tacv2');
  });

  it('hashes parts too long for a key', () => {
    expect(escapeKeyPart('x'.repeat(1000))).toMatch(/^~[0-9a-f]{64}$/);
  });

  it('composes parts unambiguously', () => {
    expect(composeKey('a|b', 'c')).not.toBe(composeKey('a', 'b|c'));
  });

  it('bounds prefix ranges', () => {
    expect(prefixUpperBound('term|dep')).toBe('term|deq');
    expect('term|deploy' < prefixUpperBound('term|dep')).toBe(true);
    expect('term|deq' < prefixUpperBound('term|dep')).toBe(false);
  });

  it('sorts newer times first', () => {
    expect(newestFirst('2026-11-02T00:00:00Z') < newestFirst('2026-11-01T00:00:00Z')).toBe(true);
  });
});
