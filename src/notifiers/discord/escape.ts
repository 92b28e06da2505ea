/**
 * Make untrusted text inert in Discord markdown. Pure.
 *
 *   escapeText('@everyone <@&123> **Acme**')  // '@\u200beveryone <\u200b@&123> \\*\\*Acme\\*\\*'
 *
 * Mentions (`@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>`, `</cmd:id>`) get a zero-width space
 * after `@` and `<`, so they render as text even where `allowed_mentions` would not apply
 * (a copy-paste, another client). Markdown punctuation is backslash-escaped (Discord hides a
 * backslash before any ASCII punctuation), masked links lose their brackets and bare URLs get a
 * zero-width space inside "://" so they are not auto-linked. Control characters are removed.
 */
import { sanitise } from '../../core/text.js';

const ZWSP = '\u200b';

/** Characters that format anywhere in a line. Brackets: masked links `[text](url)`. */
const INLINE = /[\\*_~`|[\]]/g;

/** Characters that format only at the start of a line: headings, quotes, lists. */
const LINE_START = /^(\s*)([#>+-]|\d+\.)/gm;

export function escapeText(text: string): string {
  return sanitise(text)
    .replace(INLINE, (ch) => `\\${ch}`)
    .replace(LINE_START, (_match, space: string, marker: string) => `${space}\\${marker}`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/</g, `<${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`);
}

/** Cut to `max` characters (Discord counts UTF-16 code units), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Do not leave half a surrogate pair or a dangling escape backslash.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  if (/(^|[^\\])(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** An http(s) URL safe inside `[label](url)`, or null when the text is not one. */
export function safeUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
}

/** A masked link with an escaped label, or just the escaped label when the URL is unusable. */
export function maskedLink(label: string, url: string): string {
  const target = safeUrl(url);
  const text = escapeText(label);
  return target ? `[${text}](${target})` : text;
}
