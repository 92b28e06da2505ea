/**
 * The entities a Federal Register *notice* names as added to or removed from a list — DoD's
 * Section 1260H notices ("Notice of Designation of Chinese Military Companies"), DHS's UFLPA
 * Entity List notices — read from the notice's full-text XML or its plain text. Pure, best-effort.
 *
 * Notices are prose with lists in them. An introducing sentence says what the list below it
 * does, then one entity per item, numbered, bulleted or on its own line:
 *
 *   The Deputy Secretary of Defense has determined that the following entities are
 *   "Chinese military companies" … and is adding them to the list:
 *   1. Example Aerospace Group Co., Ltd. (EAG)
 *      a. Example Aerospace Electronics Co., Ltd.     ← a listed subsidiary: an entry too
 *   The following entities are removed from the list:
 *   • Example Old Shipping Company
 *
 * An intro naming removal ("removed", "deleted", "no longer") starts removals; one naming
 * designation or addition starts additions. A list ends at the next prose paragraph.
 *
 *   noticeEntries(noticeLines(xml)) // [{ action: 'added', name: 'Example Aerospace Group Co., Ltd.', aliases: ['EAG'], parent: null }, …]
 */
import { cleanItem } from '../bis-common/entity-cell.js';
import { descendantsNamed, parseXml, textOf, type XmlElement } from '../bis-common/xml.js';

export interface NoticeEntry {
  action: 'added' | 'removed';
  name: string;
  /** Short forms in parentheses ("(AVIC)") and "a.k.a." names. */
  aliases: string[];
  /** The numbered entry a lettered sub-item (a listed subsidiary) sits under; null otherwise. */
  parent: string | null;
}

const REMOVE_INTRO = /\b(?:remov(?:e|es|ed|ing|al)|delet(?:e|es|ed|ing|ion)|delist\w*|no longer)\b/i;
const ADD_INTRO = /\b(?:add(?:s|ed|ing)?|designat\w*)\b|\bdetermined\b[^]*\bfollowing\b/i;
/** Intros of lists that are not list changes: who "may be potentially affected", examples. */
const NOT_A_CHANGE = /potentially affected|may include|not intended to be exhaustive|for example|such as/i;
/** An introducing sentence: "the following …" about entities or companies, ending the paragraph with ":" or ".". */
const INTRO = /\bfollowing\b[^]*\b(?:entit(?:y|ies)|compan(?:y|ies))\b|\b(?:entit(?:y|ies)|compan(?:y|ies))\b[^]*\bfollowing\b/i;

/** "1.", "(1)", "1)", "•", "-", "*": a top-level item. */
const TOP_ITEM = /^\s*(?:\(?\d{1,3}[.)]|[•▪*–—-])\s+/;
/** "a.", "(a)", "i.", "(iv)": an item under the previous top-level one. */
const SUB_ITEM = /^\s*(?:\(?[a-z][.)]|\((?:i{1,3}|iv|vi{0,3}|ix|x)\)|(?:i{1,3}|iv|vi{0,3}|ix|x)\.)\s+/i;

/** Prose, not a name: long, or made of sentences with verbs of the notice's own voice. */
function isProse(line: string): boolean {
  if (line.length > 200) return true;
  if (/^(?:dated|signed|authority|for further information|supplementary information|summary|agency|action)\b/i.test(line)) return true;
  return /\b(?:is|are|has|have|was|were|shall|will|pursuant to|in accordance with)\b/i.test(line.replace(/\([^)]*\)/g, ''));
}

const ALIAS_MARK = /,?\s*\(?\b[af]\.\s?k\.\s?a\.?,?\s*/i;

function entryOf(text: string, action: NoticeEntry['action'], parent: string | null): NoticeEntry | null {
  const cleaned = cleanItem(text.replace(TOP_ITEM, '').replace(SUB_ITEM, ''));
  if (cleaned === '') return null;
  const aliases: string[] = [];
  let name = cleaned;
  const mark = ALIAS_MARK.exec(name);
  if (mark) {
    aliases.push(...name.slice(mark.index + mark[0].length).split(/;\s*|,\s*a\.k\.a\.\s*/i).map((alias) => cleanItem(alias.replace(/\)$/, ''))).filter(Boolean));
    name = cleanItem(name.slice(0, mark.index));
  }
  // A trailing short form in parentheses is an alias; the printed name keeps it, as DoD prints it.
  const short = /\(([A-Z0-9][A-Za-z0-9&.\- ]{1,15})\)\s*$/.exec(name);
  if (short && /[A-Z]{2,}/.test(short[1]!)) aliases.unshift(short[1]!.trim());
  return { action, name, aliases: [...new Set(aliases)], parent };
}

/** Entries of a notice, given its paragraphs or lines in order (see `noticeLines`). */
export function noticeEntries(lines: readonly string[]): NoticeEntry[] {
  const out: NoticeEntry[] = [];
  let action: NoticeEntry['action'] | null = null;
  let parent: string | null = null;
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    const enumerated = TOP_ITEM.test(line) || SUB_ITEM.test(line);
    if (!enumerated && INTRO.test(line) && /[:.]$/.test(line)) {
      action = NOT_A_CHANGE.test(line) ? null : REMOVE_INTRO.test(line) ? 'removed' : ADD_INTRO.test(line) ? 'added' : null;
      parent = null;
      continue;
    }
    if (action === null) continue;
    // A paragraph of prose, or a "Label: value" line (a form's fields), ends the list.
    if ((!enumerated && isProse(line)) || /^[^:(]{1,80}:\s/.test(line.replace(TOP_ITEM, ''))) {
      action = null;
      continue;
    }
    const isSub = !TOP_ITEM.test(line) && SUB_ITEM.test(line) && parent !== null;
    const entry = entryOf(line, action, isSub ? parent : null);
    if (!entry) continue;
    out.push(entry);
    if (!isSub) parent = entry.name;
  }
  return out;
}

/** Split a plain-text paragraph where an item starts on a new line ("1. A\n2. B"). */
function itemsOfParagraph(paragraph: string): string[] {
  const lines = paragraph.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (out.length === 0 || TOP_ITEM.test(line) || SUB_ITEM.test(line)) out.push(line);
    else out[out.length - 1] += ` ${line}`;
  }
  return out.map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function xmlLines(root: XmlElement): string[] {
  const body = descendantsNamed(root, 'SUPLINF')[0] ?? root;
  return descendantsNamed(body, 'P', 'FP', 'LI').map((element) => textOf(element));
}

/**
 * A notice as paragraphs: the SUPPLEMENTARY INFORMATION's `<P>`/`<FP>` of FEDREG XML (root
 * `<NOTICE>` or a daily issue), or plain text split at blank lines and at item starts.
 */
export function noticeLines(text: string): string[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    const [root] = parseXml(trimmed, 'Federal Register notice');
    return root ? xmlLines(root) : [];
  }
  return trimmed.replace(/\r\n?/g, '\n').split(/\n\s*\n/).flatMap(itemsOfParagraph);
}

/** "[FR Doc. 2024-24723 Filed …]" → "2024-24723", from XML or text; null when absent. */
export function noticeDocumentNumber(text: string): string | null {
  return /FR\s+Doc\.?\s*([\d]{4}-[\d]+)/i.exec(text)?.[1] ?? null;
}
