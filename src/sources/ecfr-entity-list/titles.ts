/**
 * The eCFR versioner's `titles.json`: which date each CFR title is current through. Pure.
 *
 *   GET https://www.ecfr.gov/api/versioner/v1/titles.json
 *   { "titles": [{ "number": 15, "name": "Commerce and Foreign Trade", "latest_amended_on": "2024-05-01",
 *                  "latest_issue_date": "2024-05-01", "up_to_date_as_of": "2024-05-03", "reserved": false }, …],
 *     "meta": { … } }
 *
 * The versioner serves `full/{date}/title-15.xml` only for dates up to Title 15's
 * `up_to_date_as_of` (it trails today by a few days); a later date answers 404.
 */
import { z } from 'zod';
import { SnapshotRefusedError } from '../../errors.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One title as titles.json lists it; only the fields used. */
export const CfrTitle = z.object({ number: z.number(), up_to_date_as_of: IsoDate.nullish(), reserved: z.boolean().optional() });

/** The document: other top-level keys (meta) are ignored. */
export const CfrTitles = z.object({ titles: z.array(CfrTitle) });

export function titlesUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/versioner/v1/titles.json`;
}

/** Title 15's `up_to_date_as_of` from titles.json text. Throws SnapshotRefusedError('unparseable'). */
export function title15Date(text: string): string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SnapshotRefusedError('unparseable', 'the eCFR titles.json is not JSON', { cause: err });
  }
  const checked = CfrTitles.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(document)'}: ${issue.message}` : 'invalid document';
    throw new SnapshotRefusedError('unparseable', `the eCFR titles.json is not the versioner's titles list (${where})`);
  }
  const date = checked.data.titles.find((t) => t.number === 15)?.up_to_date_as_of;
  if (!date) throw new SnapshotRefusedError('unparseable', 'the eCFR titles.json gives no up_to_date_as_of for Title 15');
  return date;
}
