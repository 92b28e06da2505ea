/** The FCC Covered List page's table, one designation per entity (own fixtures). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../helpers/refusal.js';
import { parseFccCoveredListPage } from '../../../src/sources/fcc-covered-list/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const URL_ = 'https://www.fcc.gov/supplychain/coveredlist';

describe('parseFccCoveredListPage', () => {
  const list = parseFccCoveredListPage(fixture('fcc-covered-list/coveredlist.html'), URL_);

  it('names each entity once: several per row, one on several rows (earliest date, every row in remarks)', () => {
    expect(list.map((d) => [d.key, d.name, d.aliases, d.startDate])).toEqual([
      ['FCC:example networks technologies company', 'Example Networks Technologies Company', ['Example Networks'], '2021-03-12'],
      ['FCC:example radio corporation', 'Example Radio Corporation', [], '2021-03-12'],
      ['FCC:example vision digital technology company', 'Example Vision Digital Technology Company', [], '2021-03-12'],
      ['FCC:example camera technology company', 'Example Camera Technology Company', [], '2021-03-12'],
      ['FCC:ao example security lab', 'AO Example Security Lab', [], '2022-03-25'],
      ['FCC:example telecom americas corp', 'Example Telecom (Americas) Corp.', [], '2022-09-20'],
      ['FCC:example pacific networks corp', 'Example Pacific Networks Corp.', [], '2022-09-20'],
      ['FCC:examplenet usa llc', 'ExampleNet (USA) LLC', [], '2022-09-20'],
      ['FCC:example widget systems and their critical components produced in a foreign country', 'Example widget systems and their critical components produced in a foreign country', [], '2025-12-22'],
    ]);
    expect(list.at(-1)?.type).toBe('Equipment or service');
    expect(list[0]?.remarks?.split('\n')).toEqual([
      'Telecommunications equipment produced or provided by Example Networks Technologies Company (Example Networks), including telecommunications or video surveillance services provided or operated by such entity or using such equipment.',
      'Interstate and international telecommunications services provided by Example Networks Technologies Company (Example Networks).',
    ]);
  });

  it('refuses a challenge page as blocked, and a page without the table as unparseable', () => {
    const codeOf = (html: string) => refusalOf(() => parseFccCoveredListPage(html, URL_))?.join(': ') ?? null;
    expect(codeOf(fixture('fcc-covered-list/challenge-cloudflare.html'))).toBe(
      'blocked: www.fcc.gov answered with a Cloudflare challenge page, not the list; set FCC_COVERED_LIST_URL (or sources.fcc.url in the config file) to a mirror of the page, or to a copy saved from a browser (a local file)',
    );
    expect(codeOf('<html><body><table><tr><th>Name</th></tr><tr><td>x</td></tr></table></body></html>')).toMatch(/^unparseable: no Covered List table/);
  });
});
