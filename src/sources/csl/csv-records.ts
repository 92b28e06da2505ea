/**
 * The byte range of each record of a CSV body, without parsing it: a record ends at a line
 * feed outside quotes. Used to hash raw rows (core/row-reuse.ts), never to read fields. Pure.
 *
 * For a body csv-parse accepts (strict quoting, `skip_empty_lines`), this finds the same records:
 * a quote opens or closes a quoted field or is doubled inside one, so counting quotes tells
 * inside from outside. Ranges exclude the line feed (a `\r` before it stays in); empty lines
 * (nothing, or a lone `\r`) are not records. A leading UTF-8 BOM is not part of the first record.
 * The caller compares the count with csv-parse's and reuses nothing when they differ (a body
 * with `\r`-only line ends, say).
 */
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export function recordSlices(bytes: Buffer): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const push = (end: number) => {
    if (end > start && !(end === start + 1 && bytes[start] === CR)) out.push([start, end]);
  };
  let inside = false;
  // The next quote and the next line feed, each found by the native indexOf.
  let quote = bytes.indexOf(QUOTE, start);
  let lf = bytes.indexOf(LF, start);
  for (;;) {
    if (lf === -1) {
      push(bytes.length);
      return out;
    }
    if (quote !== -1 && quote < lf) {
      inside = !inside;
      quote = bytes.indexOf(QUOTE, quote + 1);
      continue;
    }
    if (!inside) {
      push(lf);
      start = lf + 1;
    }
    lf = bytes.indexOf(LF, lf + 1);
  }
}
