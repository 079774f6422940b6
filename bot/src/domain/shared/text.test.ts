import { collapseWhitespace, isAscii } from './text';

describe('collapseWhitespace', () => {
  it('makes each run of whitespace one space and trims the ends', () => {
    expect(collapseWhitespace('  Fix \t the\n\nflaky   deploy \u00a0 ')).toBe('Fix the flaky deploy');
  });

  it('turns a lone tab, line break or non-breaking space into a space, and leaves single spaces', () => {
    expect(collapseWhitespace('a\tb\nc\u00a0d e')).toBe('a b c d e');
  });

  it('gives what collapsing every whitespace run gives, for any mix', () => {
    const pieces = ['x', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', 'yz'];
    for (let seed = 0; seed < 500; seed++) {
      let text = '';
      for (let i = 0, n = seed; i < 6; i++, n = Math.floor(n / pieces.length) + seed * 7) text += pieces[n % pieces.length];
      expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });
});

describe('isAscii', () => {
  it('tells ASCII text from text with any other character', () => {
    expect(isAscii('')).toBe(true);
    expect(isAscii('kubernetes probes, 2 tips\n')).toBe(true);
    expect(isAscii('café')).toBe(false);
    expect(isAscii('ＫＵＢＥ')).toBe(false);
    expect(isAscii('\u0080')).toBe(false);
  });
});
