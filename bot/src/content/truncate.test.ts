import { Parser } from 'htmlparser2';
import { toSafeContent } from './sanitize';

/** Whether every element is explicitly opened and closed, properly nested: nothing a parser would have to repair. */
function isBalanced(html: string): boolean {
  const stack: string[] = [];
  let ok = true;
  const parser = new Parser({
    onopentag(name, _attributes, implied) {
      if (implied) ok = false;
      if (name !== 'br') stack.push(name);
    },
    onclosetag(name, implied) {
      if (name === 'br') return;
      if (implied || stack.pop() !== name) ok = false;
    },
  });
  parser.end(html);
  return ok && stack.length === 0;
}

const MESSAGE =
  '<h1>Fixing flaky deploys</h1>' +
  '<p>When the <b>cache &amp; CDN</b> disagree, see <a href="https://example.com/runbook?a=1&amp;b=2">the runbook</a> &lt;now&gt;.</p>' +
  '<ul><li>Purge the edge</li><li>Warm it <i>first</i><ol><li>nested one</li><li>nested two</li></ol></li></ul>' +
  '<pre><code>npm run purge -- --all\nnpm run warm &amp;&amp; echo "done"</code></pre>' +
  '<blockquote><p>Quoted wisdom 👍🏽 with emoji</p></blockquote>' +
  '<table><thead><tr><th>Env</th><th>Owner</th></tr></thead><tbody><tr><td>prod</td><td>Ada</td></tr></tbody></table>' +
  '<p>Last line<br>after a break.</p>';

describe('toSafeContent: cutting to maxLength', () => {
  const full = toSafeContent({ content: MESSAGE }, Number.POSITIVE_INFINITY);

  it('does not cut or report anything when the content fits, including exactly', () => {
    expect(full.shortenedFrom).toBeUndefined();
    expect(toSafeContent({ content: MESSAGE }, full.html.length)).toEqual(full);
  });

  it('cuts at every possible length to balanced, canonical HTML within the limit', () => {
    for (let max = 0; max < full.html.length; max++) {
      const cut = toSafeContent({ content: MESSAGE }, max);
      expect(cut.html.length).toBeLessThanOrEqual(max);
      expect(cut.shortenedFrom).toBe(full.html.length);
      expect(isBalanced(cut.html)).toBe(true);
      // Re-sanitizing reproduces it exactly: nothing left open, no half tag or entity.
      expect(toSafeContent({ content: cut.html }, Number.POSITIVE_INFINITY).html).toBe(cut.html);
      expect(cut.html).not.toMatch(/&(?!(amp|lt|gt|quot);)/);
      expect(cut.html).not.toMatch(/<[^>]*$/);
      // What is kept is the start of the message, in order.
      expect(full.text.startsWith(cut.text)).toBe(true);
    }
  });

  it('keeps as much as fits rather than dropping whole blocks', () => {
    const cut = toSafeContent({ content: MESSAGE }, 100);
    expect(cut.html).toBe('<h1>Fixing flaky deploys</h1><p>When the <strong>cache &amp; CDN</strong> disagree, see</p>');
    expect(cut.text).toBe('Fixing flaky deploys\nWhen the cache & CDN disagree, see');
  });

  it('closes every element it cuts inside', () => {
    const cut = toSafeContent({ content: '<ul><li><b>' + 'word '.repeat(50) + '</b></li></ul>' }, 60);
    expect(cut.html).toMatch(/^<ul><li><strong>(word )*word<\/strong><\/li><\/ul>$/);
    expect(cut.html.length).toBeLessThanOrEqual(60);
  });

  it('never cuts inside an entity', () => {
    const content = '<p>' + '&amp;'.repeat(20) + '</p>';
    for (let max = 0; max < 110; max++) {
      const { html } = toSafeContent({ content }, max);
      expect(html).toMatch(/^(<p>(&amp;)+<\/p>)?$/);
    }
  });

  it('never splits a surrogate pair', () => {
    const content = '<p>' + '😀'.repeat(10) + '</p>';
    for (let max = 0; max < 30; max++) {
      const { html } = toSafeContent({ content }, max);
      expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('prefers to end on a word boundary', () => {
    const { html } = toSafeContent({ content: '<p>alpha beta gamma delta</p>' }, 20);
    expect(html).toBe('<p>alpha beta</p>');
  });

  it('cuts code blocks and keeps them code', () => {
    const { html, text } = toSafeContent({ content: '<pre>line one\nline two\nline three</pre>' }, 45);
    expect(html).toBe('<pre><code>line one\nline two</code></pre>');
    expect(text).toBe('line one\nline two');
  });

  it('cuts plain text input the same way', () => {
    const cut = toSafeContent({ content: 'a & b\nsecond line here', contentType: 'text' }, 27);
    expect(cut).toEqual({ html: '<p>a &amp; b<br>second</p>', text: 'a & b\nsecond', shortenedFrom: 36 });
  });

  it('returns nothing when not even one element fits, still reporting the length', () => {
    expect(toSafeContent({ content: '<p>hello</p>' }, 0)).toEqual({ html: '', text: '', shortenedFrom: 12 });
    expect(toSafeContent({ content: '<p>hello</p>' }, 7)).toEqual({ html: '', text: '', shortenedFrom: 12 });
    expect(toSafeContent({ content: '<p>hello</p>' }, 8)).toEqual({ html: '<p>h</p>', text: 'h', shortenedFrom: 12 });
  });
});
