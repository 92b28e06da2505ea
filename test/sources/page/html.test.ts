import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionLines } from '../../../src/sources/page/extract.js';
import { checkSelector } from '../../../src/sources/page/options.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/page/${name}`, import.meta.url), 'utf8');

describe('regionLines', () => {
  it('reads a table region as one line per row, cells joined, scripts and styles skipped', () => {
    expect(regionLines(fixture('covered-v1.html'), 'main table')).toEqual({
      matched: 1,
      lines: [
        'Covered equipment or services | Date of inclusion',
        'Telecommunications equipment produced by Northwind Networks Co., including its subsidiaries | March 12, 2021',
        'Video surveillance equipment produced by Contoso Vision Ltd. | March 12, 2021',
        'Information security products of Fabrikam Cyber & Co. | March 25, 2022',
      ],
    });
  });

  it('reads block elements as lines and a nested match once', () => {
    expect(regionLines('<main><h1>Title</h1><p>One<br>Two</p><ul><li>Three</li></ul></main>', 'main, main ul').lines).toEqual([
      'Title',
      'One',
      'Two',
      'Three',
    ]);
  });

  it('reports a selector that matches nothing', () => {
    expect(regionLines(fixture('covered-redesigned.html'), 'main table')).toEqual({ matched: 0, lines: [] });
  });
});

describe('selectors (cheerio)', () => {
  it('accepts what a page config needs and refuses nonsense', () => {
    expect(() => checkSelector('main table.covered > tbody tr, #list li[data-x="1"]')).not.toThrow();
    expect(() => checkSelector('main >> ((')).toThrow();
  });
});
