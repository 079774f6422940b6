import { toSafeContent } from './sanitize';

/** Realistic Teams bodies plus malformed and hostile markup. */
const CORPUS: readonly string[] = [
  '<p>Hello <at id="0">Ada</at>, try <a href="https://example.com/a?b=1&amp;c=2">this</a>.</p>',
  '<div><div><div>Teams nests divs</div><div><br></div><div>and blank lines</div></div></div>',
  '<p>a<div>b</div>c</p>',
  '<p>one<p>two</p></p></p>',
  '<ul><li>one<li>two<ul><li>nested</ul></ul>',
  '<ul><li>a</li><ul><li>list directly in list</li></ul>stray text<li>b</li></ul>',
  '<ol><li><p>para one</p><p>para two</p></li><li>  </li></ol>',
  '<li>orphan item</li><tr><td>orphan cell</td></tr>',
  '<pre>\n\nleading newlines\n\ttabs   kept  \n</pre>',
  '<pre><code>\nfirst line is blank</code></pre>',
  '<codeblock class="CSharp"><code>var x = 1;<br>x++;</code></codeblock>',
  '<code>inline <b>code</b><div>with a block</div></code>',
  '<b>bold <i>both <u>all</u></i></b> <b><b>twice</b></b> <b>a</b><b>b</b>',
  '<a href="https://x.example/">outer <a href="https://y.example/">inner</a> tail</a>',
  '<a href="https://x.example/"><div>block in link</div></a>',
  '<strong><ul><li>list in bold</li></ul></strong>',
  '<h1>Title <b>bold</b></h1><h3><div>block</div>in heading</h3><h5>h5</h5>',
  '<blockquote>quote<blockquote>nested</blockquote>tail</blockquote>',
  '<table><tr><td>1</td><td><table><tr><td>inner</td></tr></table></td></tr>text in table<tr><th>h</th></tr></table>',
  '<table><caption>cap</caption><colgroup><col></colgroup><tbody><tr><td></td><td>only second</td></tr></tbody></table>',
  '<table><tr></tr></table><table><tr><td> </td></tr></table>',
  '<p>  spaces   <span> around </span>  <em> emphasis </em> </p>',
  '<p>&nbsp;leading nbsp&nbsp;</p><p>&nbsp;</p>',
  '<p>line<br><br>two breaks<br></p><p><br>leading break</p>',
  'text <b>without</b> any block',
  '<p>entities &amp; &lt;tags&gt; &quot;quotes&quot; &#39;apos&#39; &copy; &#x1F600;</p>',
  '<p>unclosed <b>bold <i>italic',
  '</p></div></b>stray closers<br/></br>',
  '<img src="x" alt="pic"><emoji alt="🙂"></emoji>',
  '<custom><nested-unknown>kept text</nested-unknown></custom>',
  '<hr><section>sectioned</section><hr>',
  '<scr<script>ipt>alert(1)</script>',
  '<svg><p>inside svg</p></svg>after svg',
  '<p>x</p>'.repeat(50),
  '<ul>' + '<li>deep<ul>'.repeat(30) + 'bottom' + '</ul></li>'.repeat(30) + '</ul>',
  '<blockquote>'.repeat(40) + 'deep quote',
  '<div>'.repeat(400) + 'very deep' + '</div>'.repeat(400),
  '\u0000\u0007control\r\nchars\f',
];

const MAXES = [Number.POSITIVE_INFINITY, 500, 120, 60, 25];

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = [
  'p',
  'div',
  'span',
  'b',
  'i',
  'u',
  's',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'blockquote',
  'h1',
  'h4',
  'a',
  'br',
  'img',
  'at',
  'script',
  'style',
  'svg',
  'unknown',
  'section',
  'hr',
];
const TEXTS = ['word', ' ', '  two  spaces ', '\n', '&amp;', '&lt;', '&nbsp;', 'é😀', '<', '>', '"', "'", '&bogus;', '\t'];

function randomHtml(next: () => number, depth = 0): string {
  let out = '';
  const count = Math.floor(next() * 5);
  for (let i = 0; i < count; i++) {
    if (next() < 0.4 || depth > 5) {
      out += TEXTS[Math.floor(next() * TEXTS.length)];
      continue;
    }
    const tag = TAGS[Math.floor(next() * TAGS.length)] as string;
    const attributes =
      tag === 'a'
        ? ` href="${next() < 0.5 ? 'https://e.example/?q=1&amp;r=2' : 'javascript:alert(1)'}"`
        : next() < 0.2
          ? ' onclick="x" style="y"'
          : '';
    const close = next() < 0.8 ? `</${tag}>` : '';
    out += `<${tag}${attributes}>${randomHtml(next, depth + 1)}${close}`;
  }
  return out;
}

describe('toSafeContent: idempotency', () => {
  it.each(CORPUS)('sanitizing the output again changes nothing: %s', (content) => {
    for (const max of MAXES) {
      const once = toSafeContent({ content }, max);
      const twice = toSafeContent({ content: once.html }, max);
      expect(twice.html).toBe(once.html);
      expect(twice.text).toBe(once.text);
      expect(twice.shortenedFrom).toBeUndefined();
    }
  });

  it('holds for plain text input too', () => {
    const once = toSafeContent({ content: 'a <b>\n\nb & c\n  d', contentType: 'text' }, 1000);
    expect(toSafeContent({ content: once.html }, 1000).html).toBe(once.html);
  });

  it('holds for 500 random tag soups, cut or not', () => {
    const next = random(20_261_101);
    for (let i = 0; i < 500; i++) {
      const content = randomHtml(next);
      for (const max of [Number.POSITIVE_INFINITY, 40]) {
        const once = toSafeContent({ content }, max);
        const twice = toSafeContent({ content: once.html }, max);
        if (twice.html !== once.html) throw new Error(`not idempotent for ${JSON.stringify(content)} (max ${max})`);
        expect(once.html.length).toBeLessThanOrEqual(max);
      }
    }
  });
});
