/**
 * A small, forgiving HTML reader: text → element tree. Pure. Enough to find a region of a
 * published page and read its text, not a browser: it knows void elements, raw-text elements
 * (script, style), the end tags HTML lets authors leave out (p, li, tr, td, …), and numeric and
 * Latin-1 named character references. Stray end tags are ignored; unclosed elements end with
 * their parent.
 *
 *   const root = parseHtml('<ul><li>One<li>Two</ul>');
 *   root.children[0]                     // { tag: 'ul', children: [li, li] }
 */

export interface HtmlElement {
  type: 'element';
  /** Lower-case tag name; '#root' for the document. */
  tag: string;
  /** Attributes by lower-case name, values decoded. */
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export interface HtmlText {
  type: 'text';
  text: string;
}

export type HtmlNode = HtmlElement | HtmlText;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

/** Start tags that close an open <p> (HTML's "close a p element" rule, abridged). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

/** For a start tag: the open elements it ends, and the elements that bound the search. */
const IMPLIED_END: Record<string, { ends: string[]; within: string[] }> = {
  li: { ends: ['li'], within: ['ul', 'ol', 'menu'] },
  dt: { ends: ['dt', 'dd'], within: ['dl'] },
  dd: { ends: ['dt', 'dd'], within: ['dl'] },
  tr: { ends: ['tr'], within: ['table', 'thead', 'tbody', 'tfoot'] },
  td: { ends: ['td', 'th'], within: ['tr', 'table'] },
  th: { ends: ['td', 'th'], within: ['tr', 'table'] },
  thead: { ends: ['thead', 'tbody', 'tfoot'], within: ['table'] },
  tbody: { ends: ['thead', 'tbody', 'tfoot'], within: ['table'] },
  tfoot: { ends: ['thead', 'tbody', 'tfoot'], within: ['table'] },
  option: { ends: ['option'], within: ['select', 'datalist'] },
};

/** Elements a <p> cannot be closed across (its "button scope", abridged). */
const P_SCOPE = new Set(['#root', 'button', 'table', 'td', 'th', 'li', 'div', 'section', 'article', 'main', 'blockquote']);

// Latin-1 named references, U+00A0 … U+00FF in order.
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'.split(' ');

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  ndash: '\u2013', mdash: '\u2014', lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', ldquo: '\u201c', rdquo: '\u201d',
  bdquo: '\u201e', hellip: '\u2026', bull: '\u2022', trade: '\u2122', euro: '\u20ac', thinsp: '\u2009', ensp: '\u2002',
  emsp: '\u2003', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', dagger: '\u2020', Dagger: '\u2021',
  OElig: '\u0152', oelig: '\u0153', Scaron: '\u0160', scaron: '\u0161', Yuml: '\u0178', rarr: '\u2192', larr: '\u2190',
  ...Object.fromEntries(LATIN1.map((name, i) => [name, String.fromCodePoint(0xa0 + i)])),
};

/** Decode character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref] ?? whole;
  });
}

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

// One token at a time: comment, doctype/CDATA/processing instruction, end tag, start tag.
const TAG = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<\/([a-zA-Z][^\s/>]*)[^>]*>|<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { type: 'element', tag: '#root', attrs: {}, children: [], parent: null };
  const stack: HtmlElement[] = [root];
  const current = () => stack[stack.length - 1]!;
  const addText = (text: string) => {
    if (text) current().children.push({ type: 'text', text: decodeEntities(text) });
  };
  const popTo = (index: number) => {
    stack.length = Math.max(1, index);
  };
  const findOpen = (names: string[], within: Iterable<string>): number => {
    const bounds = new Set(within);
    for (let i = stack.length - 1; i > 0; i--) {
      const tag = stack[i]!.tag;
      if (names.includes(tag)) return i;
      if (bounds.has(tag)) return -1;
    }
    return -1;
  };

  let last = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    addText(html.slice(last, match.index));
    last = TAG.lastIndex;
    const [, endName, startName, attrText] = match;
    if (endName) {
      const tag = endName.toLowerCase();
      const index = findOpen([tag], []);
      if (index > 0) popTo(index);
      continue;
    }
    if (!startName) continue; // comment, doctype, processing instruction
    const tag = startName.toLowerCase();
    const rule = IMPLIED_END[tag];
    if (rule) {
      const index = findOpen(rule.ends, rule.within);
      if (index > 0) popTo(index);
    }
    if (CLOSES_P.has(tag)) {
      const index = findOpen(['p'], P_SCOPE);
      if (index > 0) popTo(index);
    }
    const element: HtmlElement = { type: 'element', tag, attrs: parseAttributes(attrText ?? ''), children: [], parent: current() };
    current().children.push(element);
    if (VOID.has(tag) || /\/\s*$/.test(attrText ?? '')) continue;
    if (RAW_TEXT.has(tag)) {
      const close = new RegExp(`</${tag}[\\s>/]`, 'ig');
      close.lastIndex = last;
      const end = close.exec(html);
      const stop = end ? end.index : html.length;
      const raw = html.slice(last, stop);
      if (raw) element.children.push({ type: 'text', text: tag === 'textarea' || tag === 'title' ? decodeEntities(raw) : raw });
      const closeEnd = end ? html.indexOf('>', end.index) : -1;
      last = closeEnd >= 0 ? closeEnd + 1 : html.length;
      TAG.lastIndex = last;
      continue;
    }
    stack.push(element);
  }
  addText(html.slice(last));
  return root;
}
