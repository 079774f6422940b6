import { sanitizeMessageHtml } from './sanitize';

describe('sanitizeMessageHtml', () => {
  it('keeps formatting, lists, quotes, code and tables', () => {
    const html =
      '<h3>Steps</h3><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code>c</code></p><ul><li>one</li></ul><ol><li>two</li></ol>' +
      '<blockquote>q</blockquote><pre>x</pre><table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>';
    expect(sanitizeMessageHtml(html)).toBe(html);
  });

  it('drops scripts, images, styles, event handlers and unsafe links', () => {
    const out = sanitizeMessageHtml(
      '<img src=x onerror=alert(1)><script>alert(2)</script><style>p{}</style><iframe src="https://x"></iframe>' +
        '<p style="color:red" onclick="alert(3)" class="c" id="i">text</p><a href="javascript:alert(4)">js</a>' +
        '<a href="data:text/html,x">data</a><a href="/relative">rel</a><svg><a href="https://x">svg</a></svg>',
    );
    expect(out).toBe('<p>text</p><a>js</a><a>data</a><a>rel</a>');
  });

  it('opens http(s) and mailto links in a new tab without an opener', () => {
    expect(sanitizeMessageHtml('<a href="https://learn.microsoft.com" target="_self" rel="opener">d</a>')).toBe(
      '<a href="https://learn.microsoft.com" target="_blank" rel="noopener noreferrer">d</a>',
    );
    expect(sanitizeMessageHtml('<a href="mailto:ana@example.com">m</a>')).toBe(
      '<a href="mailto:ana@example.com" target="_blank" rel="noopener noreferrer">m</a>',
    );
  });
});
