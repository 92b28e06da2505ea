import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { recordSlices } from '../../../src/sources/csl/csv-records.js';

/** The text of each record range. */
const records = (text: string) => {
  const bytes = Buffer.from(text);
  return recordSlices(bytes).map(([start, end]) => bytes.toString('utf8', start, end));
};

describe('recordSlices', () => {
  it('ends records at line feeds outside quotes only', () => {
    expect(records('a,b\n"x\ny",z\n"say ""hi""\n",w\n')).toEqual(['a,b', '"x\ny",z', '"say ""hi""\n",w']);
  });

  it('keeps the carriage return of CRLF, skips empty lines and the BOM, and takes a last record without a line end', () => {
    expect(records('\ufeffa,b\r\n\r\n\nc,d\r\ne,f')).toEqual(['a,b\r', 'c,d\r', 'e,f']);
  });

  it('finds the records csv-parse reads, each one parsing to csv-parse\'s record', () => {
    const text = '\ufeffh1,h2\r\n"multi\r\nline","q""uote"\r\n\r\nplain,"a,b"\r\n,\r\n';
    const whole = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
    const each = records(text).map((record) => (parse(record, {}) as string[][])[0]);
    expect(each).toEqual(whole);
  });

  it('sees one record where the line ends are bare carriage returns (the caller then reuses nothing)', () => {
    expect(records('a,b\rc,d\r')).toHaveLength(1);
  });
});
