/**
 * CSS selectors over html.ts trees — the subset that names a region of a page. Pure.
 *
 * Supported: type (`table`), universal (`*`), `#id`, `.class`, attributes (`[name]`, `[name=v]`,
 * `~=`, `^=`, `$=`, `*=`, `|=`, quoted or not), descendant (`main table`) and child (`ul > li`)
 * combinators, and lists (`#list, .covered`). Anything else (pseudo-classes, sibling combinators)
 * is refused by `parseSelector` with a message, so a config file is checked at load.
 *
 *   selectAll(parseHtml(page), parseSelector('main .field--body table'))  // matching elements, in order
 */
import type { HtmlElement, HtmlNode } from './html.js';

interface AttributeTest {
  name: string;
  op: '' | '=' | '~=' | '^=' | '$=' | '*=' | '|=';
  value: string;
}

interface Compound {
  tag: string | null;
  ids: string[];
  classes: string[];
  attributes: AttributeTest[];
}

interface Step {
  compound: Compound;
  /** How this step relates to the next one on its right: ' ' descendant, '>' child. */
  combinator: ' ' | '>' | null;
}

/** A parsed selector list: each entry a chain of steps, left to right. */
export interface Selector {
  source: string;
  chains: Step[][];
}

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

const IDENT = /^-?[_a-zA-Z\u00a0-\uffff][-_a-zA-Z0-9\u00a0-\uffff]*/;

/** Parse a selector list. Throws SelectorError naming the unsupported or malformed part. */
export function parseSelector(source: string): Selector {
  let rest = source.trim();
  if (!rest) throw new SelectorError('empty selector');
  const chains: Step[][] = [];
  let chain: Step[] = [];
  let pending: ' ' | '>' | null = null;
  const fail = (what: string): never => {
    throw new SelectorError(`${what} at "${rest.slice(0, 20)}" in selector "${source}"`);
  };
  const ident = (): string => {
    const match = IDENT.exec(rest);
    if (!match) fail('expected a name');
    rest = rest.slice(match![0].length);
    return match![0];
  };

  while (rest) {
    const compound: Compound = { tag: null, ids: [], classes: [], attributes: [] };
    let parts = 0;
    if (rest.startsWith('*')) {
      rest = rest.slice(1);
      parts++;
    } else if (IDENT.test(rest)) {
      compound.tag = ident().toLowerCase();
      parts++;
    }
    for (;;) {
      if (rest.startsWith('#')) {
        rest = rest.slice(1);
        compound.ids.push(ident());
      } else if (rest.startsWith('.')) {
        rest = rest.slice(1);
        compound.classes.push(ident());
      } else if (rest.startsWith('[')) {
        const match = /^\[\s*([-_a-zA-Z0-9:]+)\s*(?:([~^$*|]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))\s*)?\]/.exec(rest);
        if (!match) fail('malformed attribute selector');
        rest = rest.slice(match![0].length);
        compound.attributes.push({
          name: match![1]!.toLowerCase(),
          op: (match![2] ?? '') as AttributeTest['op'],
          value: match![3] ?? match![4] ?? match![5] ?? '',
        });
      } else {
        break;
      }
      parts++;
    }
    if (parts === 0) fail(rest.startsWith(':') ? 'pseudo-classes are not supported' : 'unsupported syntax');
    chain.push({ compound, combinator: null });
    if (pending && chain.length > 1) chain[chain.length - 2]!.combinator = pending;
    pending = null;

    const gap = /^\s*([>,+~])?\s*/.exec(rest)!;
    const symbol = gap[1];
    rest = rest.slice(gap[0].length);
    if (symbol === '+' || symbol === '~') fail('sibling combinators are not supported');
    if (symbol === ',') {
      chains.push(chain);
      chain = [];
      if (!rest) fail('selector list ends with ","');
      continue;
    }
    if (!rest) {
      if (symbol === '>') fail('selector ends with ">"');
      break;
    }
    if (symbol !== '>' && gap[0].length === 0) fail(rest.startsWith(':') ? 'pseudo-classes are not supported' : 'unsupported syntax');
    pending = symbol === '>' ? '>' : ' ';
  }
  chains.push(chain);
  return { source, chains };
}

function matchesAttribute(element: HtmlElement, test: AttributeTest): boolean {
  const actual = element.attrs[test.name];
  if (actual === undefined) return false;
  switch (test.op) {
    case '':
      return true;
    case '=':
      return actual === test.value;
    case '~=':
      return actual.split(/\s+/).includes(test.value);
    case '^=':
      return test.value !== '' && actual.startsWith(test.value);
    case '$=':
      return test.value !== '' && actual.endsWith(test.value);
    case '*=':
      return test.value !== '' && actual.includes(test.value);
    case '|=':
      return actual === test.value || actual.startsWith(`${test.value}-`);
  }
}

function matchesCompound(element: HtmlElement, compound: Compound): boolean {
  if (compound.tag && element.tag !== compound.tag) return false;
  if (compound.ids.some((id) => element.attrs.id !== id)) return false;
  if (compound.classes.length > 0) {
    const classes = (element.attrs.class ?? '').split(/\s+/);
    if (compound.classes.some((c) => !classes.includes(c))) return false;
  }
  return compound.attributes.every((test) => matchesAttribute(element, test));
}

/** Does `element` match the chain's steps up to `index` (right to left)? */
function matchesChain(element: HtmlElement, chain: Step[], index: number): boolean {
  const step = chain[index]!;
  if (!matchesCompound(element, step.compound)) return false;
  if (index === 0) return true;
  const combinator = chain[index - 1]!.combinator;
  let parent = element.parent;
  if (combinator === '>') return parent !== null && parent.tag !== '#root' && matchesChain(parent, chain, index - 1);
  for (; parent && parent.tag !== '#root'; parent = parent.parent) {
    if (matchesChain(parent, chain, index - 1)) return true;
  }
  return false;
}

export function matches(element: HtmlElement, selector: Selector): boolean {
  return selector.chains.some((chain) => matchesChain(element, chain, chain.length - 1));
}

/** Every element matching the selector, in document order. */
export function selectAll(root: HtmlElement, selector: Selector): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (nodes: HtmlNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      if (matches(node, selector)) found.push(node);
      visit(node.children);
    }
  };
  visit(root.children);
  return found;
}
