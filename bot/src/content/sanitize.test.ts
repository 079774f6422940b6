import { Parser } from 'htmlparser2';
import { textOfSafeHtml, toSafeContent } from './sanitize';
import type { MentionInfo } from './types';

const MAX = 100_000;
const html = (content: string, mentions?: MentionInfo[]): string => toSafeContent({ content, mentions }, MAX).html;

/** Every element name in sanitized output, to assert nothing outside the allow-list survives. */
function tagNames(output: string): string[] {
  const names: string[] = [];
  const parser = new Parser({ onopentag: (name) => names.push(name) });
  parser.end(output);
  return names;
}

describe('toSafeContent: mentions', () => {
  const ada: MentionInfo = { id: 0, mentionText: 'Ada', mentioned: { id: '29:ada', name: 'Ada Lovelace' } };

  it('resolves <at> by id to the entity name', () => {
    expect(html('<p>Thanks <at id="0">Ada</at>!</p>', [ada])).toBe('<p>Thanks @Ada Lovelace!</p>');
  });

  it('resolves <at> by the entity text when there is no id (bot activity entities)', () => {
    const entity: MentionInfo = { text: '<at>Ada L</at>', mentioned: { id: '29:ada', name: 'Ada Lovelace' } };
    expect(html('<p><at>Ada L</at> wrote this</p>', [entity])).toBe('<p>@Ada Lovelace wrote this</p>');
  });

  it('compares entity text as plain text, entities decoded', () => {
    const entity: MentionInfo = { text: '<at>R&amp;D</at>', mentioned: { id: '29:rd', name: 'R&D team' } };
    expect(html('<at>R&amp;D</at>', [entity])).toBe('<p>@R&amp;D team</p>');
  });

  it('uses displayName when the entity has no name (Graph mentions)', () => {
    const graph: MentionInfo = { id: '3', mentionText: 'Grace', mentioned: { displayName: 'Grace Hopper' } };
    expect(html('<at id="3">Grace</at>', [graph])).toBe('<p>@Grace Hopper</p>');
  });

  it('falls back to the tag text without entities', () => {
    expect(html('<p>cc <at id="7">Grace Hopper</at> and <AT>Alan</AT></p>')).toBe('<p>cc @Grace Hopper and @Alan</p>');
  });

  it('falls back to the tag text when no entity matches', () => {
    expect(html('<at id="9">Linus</at>', [ada])).toBe('<p>@Linus</p>');
  });

  it('merges a name Teams split into one <at> per word for the same person', () => {
    const parts: MentionInfo[] = [
      { id: 0, mentionText: 'Ada', mentioned: { id: '29:ada', name: 'Ada' } },
      { id: 1, mentionText: 'Lovelace', mentioned: { id: '29:ada', name: 'Lovelace' } },
    ];
    expect(html('<p><at id="0">Ada</at>&nbsp;<at id="1">Lovelace</at> ok</p>', parts)).toBe('<p>@Ada Lovelace ok</p>');
    const full = parts.map((p) => ({ ...p, mentioned: { id: '29:ada', name: 'Ada Lovelace' } }));
    expect(html('<p><at id="0">Ada</at> <at id="1">Lovelace</at></p>', full)).toBe('<p>@Ada Lovelace</p>');
  });

  it('keeps mentions of different people apart', () => {
    const mentions: MentionInfo[] = [ada, { id: 1, mentionText: 'Alan', mentioned: { id: '29:alan', name: 'Alan Turing' } }];
    expect(html('<at id="0">Ada</at> <at id="1">Alan</at>', mentions)).toBe('<p>@Ada Lovelace @Alan Turing</p>');
  });

  it('never leaves an <at> tag, whatever is inside it', () => {
    const out = html('<at id="0"><b>Ada</b><img src=x onerror=alert(1)></at><at></at>');
    expect(out).toBe('<p>@Ada</p>');
    expect(tagNames(out)).not.toContain('at');
  });

  it('resolves mentions in plain text too', () => {
    const out = toSafeContent({ content: 'hi <at id="0">Ada</at>', contentType: 'text', mentions: [ada] }, MAX);
    expect(out.html).toBe('<p>hi @Ada Lovelace</p>');
  });
});

describe('toSafeContent: kept markup', () => {
  it('keeps paragraphs, line breaks and inline formatting, mapping synonyms', () => {
    expect(html('<p>a <b>b</b> <i>i</i> <u>u</u> <strike>s</strike> <del>d</del> <code>c</code><br>next</p>')).toBe(
      '<p>a <strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <s>d</s> <code>c</code><br>next</p>',
    );
  });

  it('turns divs into paragraphs, as Teams nests them', () => {
    expect(html('<div><div>first</div><div>second <span style="color:red">line</span></div></div>')).toBe('<p>first</p><p>second line</p>');
  });

  it('keeps bulleted and numbered lists, nested lists inside items', () => {
    expect(html('<ul><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul>')).toBe(
      '<ul><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul>',
    );
  });

  it('keeps code blocks verbatim, including Teams <codeblock>', () => {
    expect(html('<pre>if (a &lt; b) {\n    return "x";\n}</pre>')).toBe('<pre><code>if (a &lt; b) {\n    return "x";\n}</code></pre>');
    expect(html('<codeblock class="language-js"><code><span class="k">let</span> a = 1;<br>a++;</code></codeblock>')).toBe(
      '<pre><code>let a = 1;\na++;</code></pre>',
    );
  });

  it('keeps links with http(s) and mailto, adding rel and target and dropping other attributes', () => {
    expect(html('<a href="https://example.com/docs?a=1&amp;b=2" title="t" class="c" target="_self">docs</a>')).toBe(
      '<p><a href="https://example.com/docs?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">docs</a></p>',
    );
    expect(html('<a href="mailto:ada@example.com">mail</a>')).toContain('href="mailto:ada@example.com"');
  });

  it('keeps the text of links it cannot keep (relative, unknown scheme)', () => {
    expect(html('<a href="/relative">rel</a> <a href="ftp://x.example/">ftp</a> <a>none</a>')).toBe('<p>rel ftp none</p>');
  });

  it('keeps blockquotes, headings and tables', () => {
    expect(html('<blockquote>quoted</blockquote><h2>Title</h2><h6>small</h6>')).toBe(
      '<blockquote><p>quoted</p></blockquote><h2>Title</h2><h4>small</h4>',
    );
    expect(
      html(
        '<table class="t"><thead><tr><th>k</th><th>v</th></tr></thead><tr><td>a</td><td></td></tr><tfoot><tr><td>f</td></tr></tfoot></table>',
      ),
    ).toBe('<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>a</td><td></td></tr><tr><td>f</td></tr></tbody></table>');
  });

  it('splits inline formatting around blocks instead of nesting blocks in it', () => {
    expect(html('<b>bold <div>inner</div> tail</b>')).toBe(
      '<p><strong>bold</strong></p><p><strong>inner</strong></p><p><strong>tail</strong></p>',
    );
  });

  it('collapses whitespace and drops empty paragraphs Teams sends for spacing', () => {
    expect(html('<p>  lots   of\n  space  <br> </p><p>&nbsp;</p><p><br></p><div> </div>')).toBe('<p>lots of space</p>');
  });
});

describe('toSafeContent: removed markup', () => {
  it('removes script, style, iframe and friends together with their content', () => {
    const out = html(
      '<p>before</p><script>alert("s")</script><style>p{color:red}</style><iframe src="https://x.example">frame text</iframe>' +
        '<object>obj</object><noscript>ns</noscript><template>tpl</template><textarea>ta</textarea>' +
        '<select><option>opt</option></select><svg><text>svg</text></svg><math><mi>m</mi></math><title>t</title><p>after</p>',
    );
    expect(out).toBe('<p>before</p><p>after</p>');
  });

  it('strips event handlers, style, class, id and every other attribute', () => {
    const out = html('<p onclick="alert(1)" style="color:red" class="x" id="y" data-x="1" title="t">text <b onmouseover="x">b</b></p>');
    expect(out).toBe('<p>text <strong>b</strong></p>');
  });

  it('drops unknown tags but keeps their text', () => {
    expect(html('<p><custom-tag x="1">kept</custom-tag> <font color="red">too</font> <o:p>word</o:p></p>')).toBe('<p>kept too word</p>');
    expect(html('<section>one</section><article>two</article>')).toBe('<p>one</p><p>two</p>');
  });

  it('replaces images with their alt text or [image], keeping emoji as characters', () => {
    expect(html('<p>see <img src="https://teams/x.png"> and <img alt="the diagram" src="x"></p>')).toBe(
      '<p>see [image] and [the diagram]</p>',
    );
    expect(html('<p>ok <img itemtype="http://schema.skype.com/Emoji" alt="👍" src="x"> <emoji alt="😀"></emoji></p>')).toBe(
      '<p>ok 👍 😀</p>',
    );
  });

  it('drops comments, CDATA and doctype', () => {
    expect(html('<!doctype html><!-- secret --><![CDATA[cdata]]><p>x</p>')).toBe('<p>x</p>');
  });

  it('removes control characters', () => {
    expect(html('<p>a\u0000b\u0007c</p>')).toBe('<p>abc</p>');
  });
});

describe('toSafeContent: plain text and empty input', () => {
  it('escapes plain text and turns blank lines into paragraphs and newlines into <br>', () => {
    const out = toSafeContent({ content: 'Use <b>this</b> & that\r\nsecond line\n\n\nnew paragraph', contentType: 'text' }, MAX);
    expect(out.html).toBe('<p>Use &lt;b&gt;this&lt;/b&gt; &amp; that<br>second line</p><p>new paragraph</p>');
    expect(out.text).toBe('Use <b>this</b> & that\nsecond line\nnew paragraph');
  });

  it('treats text/plain like text and anything else as HTML', () => {
    expect(toSafeContent({ content: '<b>x</b>', contentType: 'text/plain' }, MAX).html).toBe('<p>&lt;b&gt;x&lt;/b&gt;</p>');
    expect(toSafeContent({ content: '<b>x</b>', contentType: 'html' }, MAX).html).toBe('<p><strong>x</strong></p>');
    expect(toSafeContent({ content: '<b>x</b>' }, MAX).html).toBe('<p><strong>x</strong></p>');
  });

  it.each(['', '   ', '\n\t', '<p> </p>', '<div><br></div>', '&nbsp;', '<p>\u00a0</p>', '<script>x</script>'])(
    'returns empty html and text for HTML %j',
    (content) => {
      expect(toSafeContent({ content }, MAX)).toEqual({ html: '', text: '' });
    },
  );

  it.each(['', '   ', '\n\t\r\n', '\u00a0 \n\n '])('returns empty html and text for plain text %j', (content) => {
    expect(toSafeContent({ content, contentType: 'text' }, MAX)).toEqual({ html: '', text: '' });
  });

  it('rejects a negative or NaN maxLength', () => {
    expect(() => toSafeContent({ content: 'x' }, -1)).toThrow(RangeError);
    expect(() => toSafeContent({ content: 'x' }, Number.NaN)).toThrow(RangeError);
  });
});

describe('toSafeContent: text', () => {
  it('puts paragraphs, items and breaks on lines, keeps code verbatim and collapses whitespace', () => {
    const out = toSafeContent(
      {
        content:
          '<p>Hello&nbsp;&nbsp; <b>world</b></p><ul><li>one</li><li>two</li></ul><pre>  indented\n\tcode</pre>' +
          '<p>a<br>b</p><table><tr><td>k</td><td>v</td></tr></table>',
      },
      MAX,
    );
    expect(out.text).toBe('Hello world\none\ntwo\n  indented\n\tcode\na\nb\nk | v');
  });
});

describe('textOfSafeHtml', () => {
  it('gives the whole plain text of stored HTML, however long', () => {
    const stored = toSafeContent({ content: `<p>${'word '.repeat(30_000)}</p><ul><li>last</li></ul>` }, 1_000_000).html;
    const text = textOfSafeHtml(stored);
    expect(text.startsWith('word word')).toBe(true);
    expect(text.endsWith('word\nlast')).toBe(true);
  });
});
