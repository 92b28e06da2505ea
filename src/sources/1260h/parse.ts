/**
 * The DoD Section 1260H list of Chinese military companies → designations on the list `1260H`.
 * Pure.
 *
 * DoD publishes each edition as a PDF and each change as a Federal Register notice by
 * `defense-department` that names the companies designated or removed. The list is built from
 * a baseline (the current edition, typed from the PDF) and the notices after it:
 *
 * - a **baseline** file: one entity per line, aliases after " | " separated by ";", and "#"
 *   comments; "# edition: YYYY-MM-DD" and "# citation: 90 FR 1234" say which edition it is:
 *
 *       # edition: 2025-01-07
 *       # citation: 90 FR 1000
 *       Example Aerospace Group Co., Ltd. | EAG; Example Aerospace
 *       Example Shipbuilding Corporation
 *
 * - a **notice**: its full-text XML or plain text (notice-entries.ts reads what it adds and
 *   removes); `applyNotice` applies it to the stored list (`entitywatch ingest 1260h NOTICE.xml`);
 * - a **bundle** (what the poll downloads, fetch.ts): `{ "format": "entitywatch-1260h-bundle",
 *   "baseline": "<baseline text>", "notices": [{ documentNumber, citation, publicationDate, htmlUrl, text }] }`,
 *   the baseline with the notices published since its edition, applied oldest first.
 */
import { assignKeys, type Keyless } from '../../core/identity.js';
import { blankKeyless, type Designation } from '../../core/model.js';
import { normaliseName } from '../../core/text.js';
import { SnapshotRefusedError } from '../../errors.js';
import { noticeDocumentNumber, noticeEntries, noticeLines, type NoticeEntry } from '../federal-register-common/notice-entries.js';
import { readText } from '../read-text.js';
import type { SnapshotBody } from '../types.js';
import { z } from 'zod';

export const LIST_NAME_1260H = '1260H Chinese Military Companies List (1260H) - Department of Defense';

export interface Baseline {
  /** YYYY-MM-DD of the edition ("# edition:"), or null when the file does not say. */
  edition: string | null;
  /** The edition's Federal Register citation ("# citation:"), or null. */
  citation: string | null;
  designations: Keyless[];
}

/** What is known of a notice besides its text (from the Federal Register API, when polled). */
export interface NoticeMeta {
  documentNumber: string | null;
  citation: string | null;
  publicationDate: string | null;
  htmlUrl: string | null;
}

function designation(name: string, aliases: string[], extras: Partial<Keyless>): Keyless {
  return blankKeyless({ list: '1260H', listName: LIST_NAME_1260H, name, aliases, type: 'Entity', ...extras });
}

/** Read a baseline file. Throws SnapshotRefusedError('empty') when it names no entity. */
export function parseBaseline(text: string): Baseline {
  let edition: string | null = null;
  let citation: string | null = null;
  const designations: Keyless[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      edition ??= /^#\s*edition\s*:\s*(\d{4}-\d{2}-\d{2})/i.exec(line)?.[1] ?? null;
      citation ??= /^#\s*citation\s*:\s*(.+)$/i.exec(line)?.[1]?.trim() ?? null;
      continue;
    }
    const [name = '', aliasText = ''] = line.split(/\s+\|\s+/);
    const aliases = aliasText.split(';').map((alias) => alias.trim()).filter(Boolean);
    if (name.trim() !== '') designations.push(designation(name.trim(), aliases, {}));
  }
  if (designations.length === 0) throw new SnapshotRefusedError('empty', 'the 1260H baseline names no entity (one per line; "#" starts a comment)');
  for (const d of designations) Object.assign(d, { frCitation: citation, startDate: edition });
  return { edition, citation, designations };
}

/** Whether a text is a Federal Register notice rather than a baseline file. */
export function isNotice(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<') || /\bFR\s+Doc\.?\s*\d{4}-\d+/i.test(head) || /SUPPLEMENTARY INFORMATION/i.test(head);
}

/** What a notice adds and removes. Throws SnapshotRefusedError('unparseable') when it names nothing. */
export function readNotice(text: string): { documentNumber: string | null; entries: NoticeEntry[] } {
  const entries = noticeEntries(noticeLines(text));
  if (entries.length === 0) {
    throw new SnapshotRefusedError('unparseable', 'the notice names no company added to or removed from the 1260H list (no "the following entities …:" list found)');
  }
  return { documentNumber: noticeDocumentNumber(text), entries };
}

function matches(d: Pick<Keyless, 'name' | 'aliases'>, name: string): boolean {
  const wanted = normaliseName(name);
  return [d.name, ...d.aliases].some((n) => normaliseName(n) === wanted);
}

/** The list after one notice: its removals taken out, its additions put in (an entry already listed is kept, its aliases merged). */
export function applyNotice(current: readonly Keyless[], entries: readonly NoticeEntry[], meta: NoticeMeta): Keyless[] {
  const removed = entries.filter((e) => e.action === 'removed');
  const next = current.filter((d) => !removed.some((e) => matches(d, e.name)));
  const reference = meta.documentNumber ? `FR Doc. ${meta.documentNumber}` : null;
  for (const entry of entries.filter((e) => e.action === 'added')) {
    const listed = next.find((d) => matches(d, entry.name));
    if (listed) {
      listed.aliases = [...new Set([...listed.aliases, ...entry.aliases])];
      continue;
    }
    next.push(
      designation(entry.name, entry.aliases, {
        frCitation: meta.citation ?? reference,
        startDate: meta.publicationDate,
        remarks: entry.parent ? `Listed under ${entry.parent}` : null,
        sourceUrl: meta.htmlUrl,
      }),
    );
  }
  return next;
}

const Bundle = z.object({
  format: z.literal('entitywatch-1260h-bundle'),
  baseline: z.string(),
  notices: z.array(
    z.object({ documentNumber: z.string(), citation: z.string().nullable(), publicationDate: z.string().nullable(), htmlUrl: z.string().nullable(), text: z.string() }),
  ),
});
export type Bundle = z.infer<typeof Bundle>;

function bundleOf(text: string): Bundle | null {
  if (!text.trimStart().startsWith('{')) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SnapshotRefusedError('unparseable', 'the 1260H bundle is not JSON', { cause: err });
  }
  const parsed = Bundle.safeParse(json);
  if (!parsed.success) throw new SnapshotRefusedError('unparseable', `the 1260H bundle: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  return parsed.data;
}

/** A baseline, or a bundle, as the whole list. A lone notice is refused: it needs the stored list (see `applyChanges`). */
export function parse1260h(body: SnapshotBody): Designation[] {
  const text = readText(body.bytes, 'the 1260H file');
  const bundle = bundleOf(text);
  if (bundle) {
    let list = parseBaseline(bundle.baseline).designations;
    for (const notice of bundle.notices) list = applyNotice(list, readNotice(notice.text).entries, notice);
    return assignKeys(list);
  }
  if (isNotice(text)) {
    throw new SnapshotRefusedError('unparseable', 'a 1260H notice only changes the list: ingest it onto a stored list (entitywatch ingest 1260h NOTICE.xml, after a baseline)');
  }
  return assignKeys(parseBaseline(text).designations);
}

/** A notice applied to the stored list; null for a baseline or bundle (then `parse1260h` reads it). */
export function apply1260hChanges(body: SnapshotBody, current: readonly Designation[]): Designation[] | null {
  const text = readText(body.bytes, 'the 1260H file');
  if (text.trimStart().startsWith('{') || !isNotice(text)) return null;
  if (current.length === 0) {
    throw new SnapshotRefusedError('empty', 'no 1260H list is stored yet: ingest the baseline first (entitywatch ingest 1260h BASELINE.txt), then the notice');
  }
  const { documentNumber, entries } = readNotice(text);
  const keyless = current.map(({ key: _key, ...rest }) => ({ ...rest, aliases: [...rest.aliases] }));
  return assignKeys(applyNotice(keyless, entries, { documentNumber, citation: null, publicationDate: null, htmlUrl: null }));
}
