import { toCardBlocks } from './cardMarkdown';
import { toSafeContent } from './sanitize';

const stored = (content: string): string => toSafeContent({ content }, 100_000).html;

describe('toCardBlocks', () => {
  it('renders paragraphs, lists, a link, bold text and a code block', () => {
    const html = stored(
      '<p>Deploys fail on <b>Mondays</b>.</p>' +
        '<p>Read <a href="https://example.com/runbook_(v2)">the runbook</a> <i>first</i>.</p>' +
        '<ul><li>Purge the edge cache</li><li>Warm it</li></ul>' +
        '<ol><li>Build</li><li>Ship<ul><li>to staging</li></ul></li></ol>' +
        '<pre><code>npm run purge\n  npm run warm -- --all</code></pre>' +
        '<p>Done.</p>',
    );
    expect(toCardBlocks(html)).toEqual([
      {
        type: 'text',
        markdown:
          'Deploys fail on **Mondays**.\n\n' +
          'Read [the runbook](https://example.com/runbook_%28v2%29) _first_.\n\n' +
          '- Purge the edge cache\n- Warm it\n\n' +
          '1. Build\n2. Ship\n   - to staging',
      },
      { type: 'code', code: 'npm run purge\n  npm run warm -- --all' },
      { type: 'text', markdown: 'Done.' },
    ]);
  });

  it('never lets raw HTML through, even when handed unsanitized HTML', () => {
    const fromText = toCardBlocks(stored('<p>&lt;b&gt;hi&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>'));
    expect(fromText).toEqual([{ type: 'text', markdown: '\\<b\\>hi\\</b\\> \\<script\\>alert(1)\\</script\\>' }]);
    const raw = toCardBlocks(
      '<script>alert(1)</script><img src=x onerror=alert(1)><b onclick="x">bold</b><a href="javascript:alert(1)">x</a>',
    );
    expect(raw).toEqual([{ type: 'text', markdown: '\\[image\\]**bold**x' }]);
    for (const block of raw) expect(block.type === 'text' ? block.markdown : block.code).not.toMatch(/<[a-z/]/i);
  });

  it('escapes markdown syntax that appears in text', () => {
    const [block] = toCardBlocks(stored('<p>2*3 is _not_ [a link](x) `code` ~x~ back\\slash &amp;amp;</p>'));
    expect(block).toEqual({ type: 'text', markdown: '2\\*3 is \\_not\\_ \\[a link\\](x) \\`code\\` \\~x\\~ back\\\\slash \\&amp;' });
  });

  it('escapes line starts that would become lists, headings or rules', () => {
    const blocks = toCardBlocks(stored('<p>- not a list</p><p>1. not numbered</p><p># not a heading</p><p>+ plus</p><p>---</p>'));
    expect(blocks).toEqual([{ type: 'text', markdown: '\\- not a list\n\n1\\. not numbered\n\n\\# not a heading\n\n\\+ plus\n\n\\---' }]);
  });

  it('renders headings as bold paragraphs without doubling markers', () => {
    expect(toCardBlocks(stored('<h2>Title <b>bold</b></h2>'))).toEqual([{ type: 'text', markdown: '**Title bold**' }]);
  });

  it('keeps emphasis markers tight and per line', () => {
    expect(toCardBlocks(stored('<p><b>bold <i>both</i></b><i> spaced </i>end</p>'))).toEqual([
      { type: 'text', markdown: '**bold _both_** _spaced_ end' },
    ]);
    expect(toCardBlocks(stored('<p><b>one<br>two</b></p>'))).toEqual([{ type: 'text', markdown: '**one**\n\n**two**' }]);
  });

  it('uses a blank line for a line break outside lists and a newline inside them', () => {
    expect(toCardBlocks(stored('<p>a<br>b</p><ul><li>c<br>d</li></ul>'))).toEqual([{ type: 'text', markdown: 'a\n\nb\n\n- c\n  d' }]);
  });

  it('splits a list around a code block inside an item and keeps the numbering', () => {
    expect(toCardBlocks(stored('<ol><li>one<pre>code</pre>after</li><li>two</li></ol>'))).toEqual([
      { type: 'text', markdown: '1. one' },
      { type: 'code', code: 'code' },
      { type: 'text', markdown: 'after\n2. two' },
    ]);
  });

  it('renders tables as one line per row and quotes as their content', () => {
    expect(
      toCardBlocks(
        stored('<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td><b>b</b></td></tr></table><blockquote>quoted</blockquote>'),
      ),
    ).toEqual([{ type: 'text', markdown: 'k | v\n\na | **b**\n\nquoted' }]);
  });

  it('renders mailto links and encodes parentheses in addresses', () => {
    expect(toCardBlocks('<a href="mailto:ada@example.com">mail</a> <a href="https://e.example/a(b)c">x</a>')).toEqual([
      { type: 'text', markdown: '[mail](mailto:ada@example.com) [x](https://e.example/a%28b%29c)' },
    ]);
  });

  it('returns nothing for empty content', () => {
    expect(toCardBlocks('')).toEqual([]);
    expect(toCardBlocks('<p> </p>')).toEqual([]);
  });
});
