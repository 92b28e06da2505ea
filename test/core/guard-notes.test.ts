import { describe, expect, it } from 'vitest';
import { checkDesignationText, checkParseNotes, MAX_FIELD_CHARS } from '../../src/core/guard.js';
import { emptyNotes, type ParseNotes } from '../../src/core/identity.js';
import { SnapshotRefusedError } from '../../src/errors.js';
import { makeDesignation } from '../helpers/designations.js';

function outcome(run: () => void): string {
  try {
    run();
    return 'accepted';
  } catch (err) {
    if (err instanceof SnapshotRefusedError) return err.code;
    throw err;
  }
}

const notes = (fields: Partial<ParseNotes>): ParseNotes => ({ ...emptyNotes(), ...fields });

describe('checkParseNotes', () => {
  const cases: Array<[string, Partial<ParseNotes>, string]> = [
    ['a few empty rows in a big file', { rows: 13000, noName: 4 }, 'accepted'],
    ['a new list trade.gov added (30 rows of 13,000)', { rows: 13000, noList: 30 }, 'accepted'],
    ['24 skipped of 100: under the floor of 25', { rows: 100, noName: 24 }, 'accepted'],
    ['25 skipped of 100', { rows: 100, noName: 25 }, 'unparseable'],
    ['a renamed source text: 2,000 of 13,000 rows', { rows: 13000, noList: 2000 }, 'unparseable'],
    ['a repeated row or two', { rows: 13000, duplicates: 2 }, 'accepted'],
    ['9 duplicates of 100: under the floor of 10', { rows: 100, duplicates: 9 }, 'accepted'],
    ['every row twice', { rows: 8000, duplicates: 4000 }, 'duplicated'],
  ];
  it.each(cases)('%s → %s', (_name, fields, expected) => {
    expect(outcome(() => checkParseNotes(notes(fields)))).toBe(expected);
  });

  it('says how many, why, and gives examples, in one line', () => {
    let message = '';
    try {
      checkParseNotes(notes({ rows: 100, noName: 20, noList: 10, examples: ['CSV row 3: row with an empty name'] }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      '30 of 100 rows (30.0%) have no name (20) or no known list (10), more than 2.0%; first: CSV row 3: row with an empty name',
    );
  });
});

describe('checkDesignationText', () => {
  const cases: Array<[string, string, string]> = [
    ['a plain name', 'Acme Trading Co', 'accepted'],
    ['letters beyond ASCII', 'Société Générale Exemple', 'accepted'],
    ['a NUL', 'Acme\u0000Co', 'encoding'],
    ['a C1 control (Windows-1252 read as Latin-1)', 'Acme \u0096 Co', 'encoding'],
    ['U+FFFD', 'Soci\uFFFDt\uFFFD', 'encoding'],
    ['a field longer than the cap', 'x'.repeat(MAX_FIELD_CHARS + 1), 'unparseable'],
  ];
  it.each(cases)('%s → %s', (_name, name, expected) => {
    expect(outcome(() => checkDesignationText([makeDesignation({ name: 'Acme', list: 'EL', aliases: [name] })]))).toBe(expected);
  });
});
