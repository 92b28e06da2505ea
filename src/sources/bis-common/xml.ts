/**
 * A small, typed XML tree over fast-xml-parser, for the GPO markup of the Federal Register
 * (FEDREG: RULE, REGTEXT, GPOTABLE…) and the eCFR (DIV5, DIV9, TABLE…). Pure.
 *
 * Both are document markup, not data: text runs between inline elements (`<E>`, `<LI>`) carry
 * meaning, so the parser keeps order (`preserveOrder`) and untrimmed text. `textOf` and
 * `linesOf` turn an element back into readable text.
 *
 *   const [root] = parseXml('<RULE><SUBJECT>Additions to the Entity List</SUBJECT></RULE>');
 *   textOf(childrenNamed(root!, 'SUBJECT')[0]!) // "Additions to the Entity List"
 */
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';
import { SnapshotRefusedError } from '../../errors.js';

export interface XmlElement {
  /** Tag name as written (GPO markup is upper case; the eCFR mixes in lower-case `br`, `sup`). */
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** An element, or a run of text (entities decoded). */
export type XmlNode = XmlElement | string;

// fast-xml-parser is loaded on first use (a few MB): only the Federal Register and eCFR sources need it.
const requireLazily = createRequire(import.meta.url);
type Fxp = typeof import('fast-xml-parser');
let parserInstance: XMLParser | null = null;
function fxp(): Fxp {
  return requireLazily('fast-xml-parser') as Fxp;
}
function xmlParser(): XMLParser {
  parserInstance ??= new (fxp().XMLParser)(PARSER_OPTIONS);
  return parserInstance;
}

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: true,
};

type RawNode = Record<string, unknown>;

function convert(raw: unknown[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const node = item as RawNode;
    if ('#text' in node) {
      out.push(String(node['#text']));
      continue;
    }
    const tag = Object.keys(node).find((key) => key !== ':@');
    if (!tag || tag.startsWith('#') || tag.startsWith('?')) continue;
    const attrs: Record<string, string> = {};
    const rawAttrs = node[':@'];
    if (rawAttrs && typeof rawAttrs === 'object') {
      for (const [name, value] of Object.entries(rawAttrs)) attrs[name] = String(value);
    }
    const children = node[tag];
    out.push({ tag, attrs, children: Array.isArray(children) ? convert(children) : [] });
  }
  return out;
}

/**
 * The top-level elements of an XML document. Throws SnapshotRefusedError('unparseable') when the
 * text is not well-formed XML (cut off, an HTML page, plain text), naming where it broke.
 */
export function parseXml(xml: string, what = 'XML document'): XmlElement[] {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const valid = fxp().XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new SnapshotRefusedError('unparseable', `${what} is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  return convert(xmlParser().parse(text) as unknown[]).filter(isElement);
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** Direct child elements, optionally only those with one of `tags` (case-insensitive). */
export function childrenNamed(element: XmlElement, ...tags: string[]): XmlElement[] {
  const wanted = new Set(tags.map((tag) => tag.toUpperCase()));
  return element.children.filter(isElement).filter((child) => wanted.size === 0 || wanted.has(child.tag.toUpperCase()));
}

/** Every descendant element with one of `tags` (case-insensitive), in document order. */
export function descendantsNamed(element: XmlElement, ...tags: string[]): XmlElement[] {
  const wanted = new Set(tags.map((tag) => tag.toUpperCase()));
  const out: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (wanted.has(child.tag.toUpperCase())) out.push(child);
      visit(child);
    }
  };
  visit(element);
  return out;
}

/** Elements that break a line inside a table cell or heading. */
const LINE_TAGS = new Set(['LI', 'BR', 'P', 'FP', 'DIV']);
/** Footnote markers: dropped from text by default (see `textOf`). */
const NOTE_TAGS = new Set(['SU', 'SUP', 'FTREF']);

export interface TextOptions {
  /** How a footnote marker (`<SU>`, `<sup>`) renders; default: dropped. */
  footnote?: (marker: string) => string;
}

function collect(node: XmlNode, options: TextOptions, lines: string[][]): void {
  if (typeof node === 'string') {
    lines[lines.length - 1]!.push(node);
    return;
  }
  const tag = node.tag.toUpperCase();
  if (NOTE_TAGS.has(tag)) {
    const marker = node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('').trim();
    if (options.footnote && marker) lines[lines.length - 1]!.push(options.footnote(marker));
    return;
  }
  const breaks = LINE_TAGS.has(tag);
  if (breaks) lines.push([]);
  for (const child of node.children) collect(child, options, lines);
  if (breaks) lines.push([]);
}

/** The element's text as lines: `<LI>`, `<br/>`, `<P>` start new lines; whitespace collapsed; empty lines dropped. */
export function linesOf(element: XmlElement, options: TextOptions = {}): string[] {
  const lines: string[][] = [[]];
  for (const child of element.children) collect(child, options, lines);
  return lines.map((parts) => parts.join('').replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
}

/** The element's text on one line, whitespace collapsed. */
export function textOf(element: XmlElement, options: TextOptions = {}): string {
  return linesOf(element, options).join(' ');
}
