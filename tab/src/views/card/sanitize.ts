import createDOMPurify, { type DOMPurify } from 'dompurify';

/*
 * The service already sanitizes harvested HTML; the tab does it again (defence in depth),
 * so a bug or a bypass on one side alone cannot run script in the tab.
 */

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'b',
  'i',
  'u',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
];
const ALLOWED_ATTR = ['href', 'colspan', 'rowspan'];
const SAFE_HREF = /^(?:https?:|mailto:)/i;

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  // An instance of our own, so the link hook below never leaks into other DOMPurify users.
  const instance = createDOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href')?.trim() ?? '';
    if (!SAFE_HREF.test(href)) {
      node.removeAttribute('href');
      return;
    }
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = instance;
  return instance;
}

/**
 * Harvested message HTML reduced to text formatting, lists, quotes, code, tables and
 * http(s)/mailto links (opening in a new tab). No images, styles or event handlers.
 */
export function sanitizeMessageHtml(html: string): string {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_HREF,
    // DOMPurify checks every attribute it does not know as URI-safe against the URI pattern.
    ADD_URI_SAFE_ATTR: ['colspan', 'rowspan'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'iframe', 'form', 'input', 'script'],
    FORBID_ATTR: ['style', 'class', 'id'],
    KEEP_CONTENT: true,
  });
}
