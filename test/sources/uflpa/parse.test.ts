/** The DHS UFLPA Entity List page's tables, and pages that are not the list (own fixtures). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../helpers/refusal.js';
import { parseUflpaPage } from '../../../src/sources/uflpa/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const URL_ = 'https://www.dhs.gov/uflpa-entity-list';
const SECTION_1 = 'Entities in Xinjiang that mine, produce, or manufacture wholly or in part any goods, wares, articles and merchandise with forced labor';
const SECTION_2 = 'Entities working with the government of Xinjiang to recruit, transport, transfer, harbor or receive forced labor';

const refusal = refusalOf;

describe('parseUflpaPage', () => {
  const list = parseUflpaPage(fixture('uflpa/entity-list.html'), URL_);

  it('reads every table under its section: name, aliases (column or inline), citation and date', () => {
    expect(list.map((d) => ({ key: d.key, name: d.name, aliases: d.aliases, programs: d.programs, frCitation: d.frCitation, startDate: d.startDate }))).toEqual([
      { key: 'UFLPA:xinjiang example silicon industry co ltd', name: 'Xinjiang Example Silicon Industry Co., Ltd.', aliases: ['Example Silicon', 'XES'], programs: [SECTION_1], frCitation: '87 FR 47777', startDate: '2022-06-21' },
      { key: 'UFLPA:example cotton group co ltd', name: 'Example Cotton Group Co., Ltd.', aliases: ['Example Cotton', 'Example Textile Group'], programs: [SECTION_1], frCitation: '88 FR 84210', startDate: '2023-12-05' },
      { key: 'UFLPA:example polysilicon ltd', name: 'Example Polysilicon Ltd.', aliases: [], programs: [SECTION_1], frCitation: null, startDate: '2024-06-12' },
      { key: 'UFLPA:example labor transfer bureau', name: 'Example Labor Transfer Bureau', aliases: ['ELTB', 'Example Bureau of Labor'], programs: [SECTION_2], frCitation: '88 FR 50902', startDate: '2023-08-02' },
    ]);
    expect(list.every((d) => d.list === 'UFLPA' && d.listName === 'UFLPA Entity List (UFLPA) - Department of Homeland Security' && d.sourceUrl === URL_)).toBe(true);
  });

  it('reads a two-column table whose headings are its first row of plain cells ("Name of Entity", "Effective Date")', () => {
    const html = '<h3>Entities that exported products</h3><table><tr><td>Name of Entity</td><td>Effective Date</td></tr><tr><td>Example Export&nbsp;Trading Co.</td><td>5/16/2024</td></tr></table>';
    expect(parseUflpaPage(html, URL_).map((d) => [d.name, d.startDate, d.programs, d.frCitation])).toEqual([['Example Export Trading Co.', '2024-05-16', ['Entities that exported products'], null]]);
  });

  it('refuses a challenge page as blocked, with a hint — never as an empty list', () => {
    expect(refusal(() => parseUflpaPage(fixture('uflpa/challenge-403.html'), URL_))).toEqual([
      'blocked',
      'www.dhs.gov answered with an Akamai "Access Denied" page, not the list; set UFLPA_URL (or sources.uflpa.url in the config file) to a mirror of the page, or to a copy saved from a browser (a local file)',
    ]);
    expect(refusal(() => parseUflpaPage(fixture('fcc-covered-list/challenge-cloudflare.html'), URL_))?.[0]).toBe('blocked');
  });

  it('refuses a redesigned page without the table, an empty table, and an empty body', () => {
    expect(refusal(() => parseUflpaPage('<html><body><h1>UFLPA Entity List</h1><p>Moved.</p></body></html>', URL_))?.[0]).toBe('unparseable');
    expect(refusal(() => parseUflpaPage('<table><tr><th>Entity Name</th></tr></table>', URL_))).toEqual(['empty', 'the UFLPA Entity List tables have no entries']);
    expect(refusal(() => parseUflpaPage('  ', URL_))?.[0]).toBe('empty');
  });
});
