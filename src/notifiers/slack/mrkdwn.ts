/**
 * Slack text that cannot turn into a mention or a link, and the few block shapes we post. Pure.
 *
 *   escapeText('<!channel> Acme <https://evil.example|click>')
 *   // '&lt;!channel&gt; Acme &lt;https://evil.example|click&gt;'
 *   link('https://www.federalregister.gov/citation/88-FR-18983', '88 FR 18983')
 *   // '<https://www.federalregister.gov/citation/88-FR-18983|88 FR 18983>'
 *
 * Slack parses `<…>` as mentions and links and `&…;` as entities, so escaping `&`, `<`, `>`
 * (Slack's documented rule) leaves source text inert; every mrkdwn object is `verbatim` so bare
 * URLs and #channel names in it are not auto-linked either. Shared with src/platforms/slack.
 */
import { sanitise } from '../../core/text.js';

/** Slack's limits: section/context text 3,000 characters, header 150, 50 blocks a message. */
export const LIMITS = { text: 3000, header: 150, blocks: 50, contextElements: 10 } as const;

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: boolean;
}
export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  text: MrkdwnText;
}
export interface ContextBlock {
  type: 'context';
  elements: MrkdwnText[];
}
export interface DividerBlock {
  type: 'divider';
}
export type AlertBlock = HeaderBlock | SectionBlock | ContextBlock | DividerBlock;

/** Untrusted text for mrkdwn: control characters removed, `&`, `<`, `>` escaped. */
export function escapeText(text: string): string {
  return sanitise(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An http(s) URL made safe inside `<url|label>`, or null when it is not one. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  // URL.href percent-encodes spaces, quotes and angle brackets but not "|", which ends the URL part.
  return parsed.href.replace(/\|/g, '%7C').replace(/&/g, '&amp;');
}

/** `<url|label>` with the label escaped; just the escaped label when the URL is not http(s). */
export function link(url: string | null | undefined, label: string): string {
  const safe = safeUrl(url);
  const text = escapeText(label);
  return safe ? `<${safe}|${text}>` : text;
}

/** Cut to `max` characters, marking the cut with "…". */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text: clip(text, LIMITS.text), verbatim: true };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(sanitise(text).replace(/\s+/g, ' ').trim() || 'entitywatch', LIMITS.header), emoji: true } };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function context(texts: readonly string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map(mrkdwn) };
}
