import { safeHref } from './url';

describe('safeHref', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['HTTP://Example.COM', 'http://example.com/'],
    ['  https://example.com/x  ', 'https://example.com/x'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['mailto:ada@example.com', 'mailto:ada@example.com'],
  ])('keeps %j as %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'jav\tascript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\u0000script:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/',
    '//evil.example/',
    '/relative/path',
    '#fragment',
    'http:',
    '',
  ])('refuses %j', (input) => {
    expect(safeHref(input)).toBeUndefined();
  });
});
