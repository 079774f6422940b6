import { Parser } from 'htmlparser2';
import { toSafeContent } from './sanitize';

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'u',
  's',
  'code',
  'pre',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

/** Asserts sanitized HTML has no executable construct, both by pattern and by parsing it like a browser would. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\son\w+\s*=/i);
  expect(html).not.toMatch(/javascript:/i);
  expect(html).not.toMatch(/vbscript:/i);
  expect(html).not.toMatch(/data:/i);
  expect(html).not.toMatch(
    /<(img|svg|iframe|math|object|embed|style|body|details|form|input|button|meta|base|link|video|source|template|noscript|textarea)\b/i,
  );

  const problems: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (!ALLOWED_TAGS.has(name)) problems.push(`element <${name}>`);
      for (const [attribute, value] of Object.entries(attributes)) {
        const allowed =
          name === 'a' &&
          ((attribute === 'href' && /^(https?:\/\/|mailto:)/.test(value)) ||
            (attribute === 'rel' && value === 'noopener noreferrer') ||
            (attribute === 'target' && value === '_blank'));
        if (!allowed) problems.push(`attribute ${attribute}="${value}" on <${name}>`);
      }
    },
    oncomment: () => problems.push('comment'),
    onprocessinginstruction: () => problems.push('processing instruction'),
  });
  parser.end(html);
  expect(problems).toEqual([]);
}

/** Classic payloads (OWASP filter evasion cheat sheet, html5sec.org, mXSS write-ups). */
const PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="jav&#x0A;ascript:alert(\'XSS\');">',
  '<img src=x onerror=alert(1)//>',
  '<svg onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="java\nscript:alert(1)">x</a>',
  '<a href=" JaVaScRiPt:alert(1)">x</a>',
  '<a href="\u0001javascript:alert(1)">x</a>',
  '<a href="&#14;  javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="&#106avascript:alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="javas&#99;ript:alert(1)">x</a>',
  '<a href="java&#0;script:alert(1)">x</a>',
  '<a href="javascript://%0aalert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="DATA:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="javascript:alert(1)"><img src=x></a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="javascript:alert(1)">CLICK</math>',
  '<math><maction actiontype="statusline#http://x" xlink:href="javascript:alert(1)">CLICK</maction></math>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  "<style>@import 'https://evil.example/x.css';</style>",
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>script>alert(1)<</script>/script>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<video><source onerror="alert(1)"></video>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="x:expression(alert(1))" onclick="alert(1)">text</p>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><img src=x onerror=alert(1)></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<xmp><script>alert(1)</script></xmp>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<a href="https://ok.example/" onmouseover="alert(1)" style="color:red" class="c" id="i">ok</a>',
  '<a href="https://ok.example/&quot; onclick=&quot;alert(1)">x</a>',
  '<a href="mailto:x@example.com?body=<script>alert(1)</script>">mail</a>',
  '<at id="0"><img src=x onerror=alert(1)></at>',
  '<marquee onstart=alert(1)>m</marquee>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '<x onclick=alert(1)>click</x>',
  '<a href="#" onclick="alert(1)">hash</a>',
];

describe('toSafeContent: XSS payloads', () => {
  it('has a battery of at least 15 classic payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(PAYLOADS)('neutralizes %s', (payload) => {
    const { html } = toSafeContent({ content: payload }, 100_000);
    expectInert(html);
    // Wrapped in ordinary content, inside a list and inside a table too.
    expectInert(toSafeContent({ content: `<p>before ${payload} after</p>` }, 100_000).html);
    expectInert(toSafeContent({ content: `<ul><li>${payload}</li></ul><table><tr><td>${payload}</td></tr></table>` }, 100_000).html);
    // Cut short at every length, a payload must not re-form.
    const full = toSafeContent({ content: payload.repeat(3) }, 100_000).html.length;
    for (let max = 0; max <= full; max++) expectInert(toSafeContent({ content: payload.repeat(3) }, max).html);
  });

  it('keeps plain text of payloads as text, never as markup', () => {
    expect(toSafeContent({ content: '<details open ontoggle=alert(1)>summary text' }, 1000).html).toBe('<p>summary text</p>');
    expect(toSafeContent({ content: '<a href="javascript:alert(1)">click me</a>' }, 1000).html).toBe('<p>click me</p>');
    expect(toSafeContent({ content: '<img src=x onerror=alert(1)>' }, 1000).html).toBe('<p>[image]</p>');
  });

  it('treats attribute-looking alt text as text', () => {
    const { html } = toSafeContent({ content: '<img src="x" alt="&quot; onerror=&quot;alert(1)">' }, 1000);
    expect(html).toBe('<p>[" onerror="alert(1)]</p>');
    const attributes: Record<string, string>[] = [];
    const parser = new Parser({ onopentag: (_name, attrs) => attributes.push(attrs) });
    parser.end(html);
    expect(attributes).toEqual([{}]);
  });

  it('escapes markup that arrives as plain text', () => {
    const { html } = toSafeContent({ content: '<script>alert(1)</script><img src=x onerror=alert(1)>', contentType: 'text' }, 1000);
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('stores the normalized form of a kept URL, so what was checked is what is stored', () => {
    const { html } = toSafeContent({ content: '<a href="HTTPS://Example.COM/a b?q=&quot;x&quot;">x</a>' }, 1000);
    expect(html).toContain('href="https://example.com/a%20b?q=%22x%22"');
  });
});
