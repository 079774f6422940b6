import { isWellFormedId, wellFormedText } from './ids';

describe('isWellFormedId', () => {
  it('accepts the ids Teams, Entra and Commonplace give', () => {
    for (const id of [
      '19:general@thread.tacv2',
      '19:general@thread.tacv2;messageid=1700000000001',
      'a:1bsD8-x_Y',
      '29:1AbC',
      'aaaaaaaa-0000-4000-8000-000000000001',
      '2026-11-10T16:00:00.000Z',
      'Zoë 🎉',
    ]) {
      expect({ id, ok: isWellFormedId(id, { keySafe: !id.includes(';') }) }).toEqual({ id, ok: true });
    }
  });

  it('refuses what cannot be an id: not text, empty, too long, control characters, lone surrogates', () => {
    for (const id of [
      undefined,
      42,
      {},
      '',
      'x'.repeat(513),
      'a\u0000b',
      'a\u001fb',
      'a\u007fb',
      'a\u0085b',
      '\ud800',
      'a\udc00',
      '\ud83d',
      'x\udfffy',
    ]) {
      expect({ id, ok: isWellFormedId(id) }).toEqual({ id, ok: false });
    }
  });

  it('refuses the characters Table keys forbid only where asked to', () => {
    for (const id of ['a/b', 'a\\b', 'a#b', 'a?b']) {
      expect(isWellFormedId(id)).toBe(true);
      expect(isWellFormedId(id, { keySafe: true })).toBe(false);
    }
  });
});

describe('wellFormedText', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(wellFormedText('Ada \ud800 Lovelace 🎉 \udc00')).toBe('Ada \ufffd Lovelace 🎉 \ufffd');
  });
});
