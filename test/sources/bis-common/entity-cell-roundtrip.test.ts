/**
 * Round trip against real Entity List entries: each EL row of the staged CSL (name, alt_names,
 * addresses already split by trade.gov) is printed back into the prose of an Entity cell, as the
 * rule tables print it (aliases on their own lines, or all inline), and parsed again. It measures
 * the cell heuristics on real names and addresses; it is not the real cell text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseEntityCell, type EntityCell } from '../../../src/sources/bis-common/entity-cell.js';
import { SHARED_DATA_URL } from '../../helpers/shared-data.js';

const file = new URL('csl/csl_partial_2023-11_moov-watchman.csv', SHARED_DATA_URL);
const WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen'];

interface Entry {
  expected: EntityCell;
  lines: string[];
  inline: string;
}

function entries(): Entry[] {
  // The staged file is the head of the real one: drop its last, cut-off record.
  const text = readFileSync(file, 'utf8').split('\n').slice(0, -2).join('\n');
  const rows: Array<Record<string, string>> = parse(text, { columns: true, relax_quotes: true, from_line: 2 });
  const out: Entry[] = [];
  for (const row of rows) {
    if (!row.source?.startsWith('Entity List')) continue;
    const aliases = (row.alt_names ?? '').split(';').map((alias) => alias.trim().replace(/^and /, '')).filter(Boolean);
    const addresses = (row.addresses ?? '').split(';').map((address) => address.trim()).filter(Boolean);
    if (addresses.length === 0) continue;
    const name = row.name!;
    const addressText = `${addresses.join('; and ')}.`;
    let lines: string[];
    let inline: string;
    if (aliases.length === 0) {
      lines = [`${name}, ${addressText}`];
      inline = lines[0]!;
    } else if (aliases.length === 1) {
      lines = [`${name}, a.k.a., ${aliases[0]}.`, addressText];
      inline = `${name}, a.k.a., ${aliases[0]}, ${addressText}`;
    } else {
      const items = aliases.map((alias, i) => `—${alias}${i === aliases.length - 1 ? '.' : i === aliases.length - 2 ? '; and' : ';'}`);
      lines = [`${name}, a.k.a., the following ${WORDS[aliases.length] ?? aliases.length} aliases:`, ...items, addressText];
      inline = lines.join(' ');
    }
    out.push({ expected: { name, aliases, addresses }, lines, inline });
  }
  return out;
}

/** Compare loosely: whitespace collapsed, a final full stop ignored (trade.gov is not consistent). */
function loose(cell: EntityCell): string {
  const clean = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return JSON.stringify([clean(cell.name), cell.aliases.map(clean), cell.addresses.map(clean)]);
}

describe.skipIf(!existsSync(file))('parseEntityCell on Entity List entries of the staged CSL', () => {
  const all = existsSync(file) ? entries() : [];

  it('recovers names, aliases and addresses of nearly every entry', () => {
    expect(all.length).toBeGreaterThan(900);
    const share = (ok: (entry: Entry) => boolean): number => all.filter(ok).length / all.length;
    const nameOf = (cell: EntityCell): string => cell.name.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
    expect(share((entry) => nameOf(parseEntityCell(entry.lines)) === nameOf(entry.expected))).toBeGreaterThan(0.98);
    expect(share((entry) => nameOf(parseEntityCell(entry.inline)) === nameOf(entry.expected))).toBeGreaterThan(0.98);
    expect(share((entry) => loose(parseEntityCell(entry.lines)) === loose(entry.expected))).toBeGreaterThan(0.97);
    expect(share((entry) => loose(parseEntityCell(entry.inline)) === loose(entry.expected))).toBeGreaterThan(0.95);
  });
});
