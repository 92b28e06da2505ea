import { readFileSync } from 'node:fs';
import { blankDesignation } from '../../../src/core/model.js';
import { describe, expect, it } from 'vitest';
import type { Keyless } from '../../../src/core/identity.js';
import { SnapshotRefusedError } from '../../../src/errors.js';
import { designationsOfRule, parseEntityListRule } from '../../../src/sources/federal-register/parse-rule.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/federal-register/${name}`, import.meta.url), 'utf8');
}

const EL = 'Entity List (EL) - Bureau of Industry and Security';

function blank(overrides: Partial<Keyless>): Keyless {
  const { key: _key, ...keyless } = blankDesignation({ key: '', list: 'EL', listName: EL, name: '', ...overrides });
  return keyless;
}

describe('parseEntityListRule on an Entity List rule', () => {
  const rule = parseEntityListRule(fixture('entity-list-rule.xml'));

  it('reads the document number, title and effective date', () => {
    expect({ ...rule, actions: rule.actions.length }).toEqual({
      documentNumber: '2024-04711',
      title: 'Additions to and Revision of Entries on the Entity List; Removal of an Entry From the Unverified List',
      citation: null,
      effectiveDate: '2024-03-04',
      actions: 7,
    });
  });

  it('says which entries are added, revised and removed, on which list', () => {
    expect(rule.actions.map((action) => [action.kind, action.designation.list, action.designation.name, action.designation.countries])).toEqual([
      ['added', 'EL', 'Harbor Lantern Microsystems Co., Ltd.', ['CN']],
      ['added', 'EL', 'Qingshan Example Photonics Institute', ['CN']],
      ['revised', 'EL', 'Zagros Example Trading Company', ['IR']],
      ['added', 'EL', 'OOO Severny Example', ['RU']],
      ['added', 'EL', 'Falcon Example General Trading LLC', ['AE']],
      ['removed', 'EL', 'Indus Example Engineering (Pvt.) Ltd.', ['PK']],
      ['removed', 'UVL', 'Qingshan Example Photonics Institute', ['CN']],
    ]);
  });

  it('reads a table entry in full: aliases on <LI> lines, two addresses, a footnote, the citation’s [INSERT FR PAGE NUMBER] filled from the document’s first page', () => {
    expect(rule.actions[0]).toEqual({
      kind: 'added',
      designation: blank({
        name: 'Harbor Lantern Microsystems Co., Ltd.',
        aliases: ['Harbor Lantern Tech', 'HLM Shenzhen'],
        countries: ['CN'],
        addresses: [
          'Room 1203, Building 4, Example Science Park, Nanshan District, Shenzhen, Guangdong, China',
          'No. 18 Example Road, Pudong New Area, Shanghai, China',
        ],
        frCitation: '89 FR 15231, 3/4/24.',
        startDate: '2024-03-04',
        licenseRequirement: 'For all items subject to the EAR. (See §§ 734.9(e) (footnote 1) and 744.11 of the EAR)',
        licensePolicy: 'Presumption of denial.',
      }),
    });
  });

  it('reads inline aliases, a single alias, and a country printed on the entry row', () => {
    const byName = new Map(rule.actions.map((action) => [action.designation.name, action.designation]));
    expect(byName.get('OOO Severny Example')).toMatchObject({
      aliases: ['Severny Example LLC', 'Limited Liability Company Severny Example', 'Sever Example'],
      addresses: ['Ulitsa Primernaya, Dom 5, Office 12, Saint Petersburg, 190000, Russia'],
      licensePolicy: 'Policy of denial.',
    });
    expect(byName.get('Zagros Example Trading Company')).toMatchObject({
      aliases: ['Zagros Example Co.'],
      addresses: ['No. 12, Example Alley, Valiasr Street, Tehran, Iran'],
      frCitation: '78 FR 12345, 3/1/13. 89 FR 15231, 3/4/24.',
    });
    expect(byName.get('Falcon Example General Trading LLC')).toMatchObject({
      countries: ['AE'],
      addresses: ['Office 704, Example Tower, Sheikh Zayed Road, Dubai, United Arab Emirates'],
    });
  });

  it('builds removals from the instructions alone', () => {
    expect(rule.actions.slice(5)).toEqual([
      { kind: 'removed', designation: blank({ name: 'Indus Example Engineering (Pvt.) Ltd.', countries: ['PK'] }) },
      {
        kind: 'removed',
        designation: blank({
          list: 'UVL',
          listName: 'Unverified List (UVL) - Bureau of Industry and Security',
          name: 'Qingshan Example Photonics Institute',
          countries: ['CN'],
        }),
      },
    ]);
  });

  it('uses the caller’s citation where a row has none, and its URL as sourceUrl', () => {
    const withContext = parseEntityListRule(fixture('entity-list-rule.xml'), { citation: '89 FR 15231', sourceUrl: 'https://www.federalregister.gov/d/2024-04711' });
    expect(withContext.citation).toBe('89 FR 15231');
    expect(withContext.actions.map((action) => [action.designation.frCitation, action.designation.sourceUrl])).toEqual([
      ['89 FR 15231, 3/4/24.', 'https://www.federalregister.gov/d/2024-04711'],
      ['89 FR 15231, 3/4/24.', 'https://www.federalregister.gov/d/2024-04711'],
      ['78 FR 12345, 3/1/13. 89 FR 15231, 3/4/24.', 'https://www.federalregister.gov/d/2024-04711'],
      ['89 FR 15231, 3/4/24.', 'https://www.federalregister.gov/d/2024-04711'],
      ['89 FR 15231, 3/4/24.', 'https://www.federalregister.gov/d/2024-04711'],
      ['89 FR 15231', 'https://www.federalregister.gov/d/2024-04711'],
      ['89 FR 15231', 'https://www.federalregister.gov/d/2024-04711'],
    ]);
  });

  it('designationsOfRule keys the additions and revisions like the CSL (list + normalised name)', () => {
    expect(designationsOfRule(rule).map((designation) => designation.key)).toEqual([
      'EL:harbor lantern microsystems co ltd',
      'EL:qingshan example photonics institute',
      'EL:zagros example trading company',
      'EL:ooo severny example',
      'EL:falcon example general trading llc',
    ]);
  });
});

describe('parseEntityListRule on other rules', () => {
  it('reads a Military End-User List rule (Supplement No. 7)', () => {
    const rule = parseEntityListRule(fixture('meu-rule.xml'));
    expect(rule).toEqual({
      documentNumber: '2024-20001',
      title: 'Addition of an Entity to the Military End-User List',
      citation: null,
      effectiveDate: '2024-09-09',
      actions: [
        {
          kind: 'added',
          designation: blank({
            list: 'MEU',
            listName: 'Military End User (MEU) List - Bureau of Industry and Security',
            name: 'Example Aerospace Works',
            aliases: ['EAW'],
            countries: ['MM'],
            addresses: ['No. 3 Example Road, Mandalay, Burma'],
            frCitation: '89 FR [INSERT FR PAGE NUMBER], 9/9/24.',
            startDate: '2024-09-09',
          }),
        },
      ],
    });
  });

  it('names additions from the instructions when the rule prints no table', () => {
    const xml = `<RULE><PREAMB><SUBJECT>Additions to the Entity List</SUBJECT></PREAMB><SUPLINF>
      <REGTEXT TITLE="15" PART="744"><AMDPAR>2. Supplement No. 4 to part 744 is amended by adding under TURKEY, in alphabetical order, entries for “Anatolia Example Elektronik A.S.,” and “Bosphorus Example Trade Ltd.”</AMDPAR></REGTEXT>
      </SUPLINF><FRDOC>[FR Doc. 2024-30001 Filed 12-20-24; 8:45 am]</FRDOC></RULE>`;
    const rule = parseEntityListRule(xml);
    expect(rule.actions.map((action) => [action.kind, action.designation.name, action.designation.countries])).toEqual([
      ['added', 'Anatolia Example Elektronik A.S.', ['TR']],
      ['added', 'Bosphorus Example Trade Ltd.', ['TR']],
    ]);
  });

  it('gives no actions for a rule that does not amend the part 744 lists', () => {
    const xml = `<RULE><PREAMB><SUBJECT>Revisions to License Exception Example</SUBJECT></PREAMB>
      <REGTEXT TITLE="15" PART="740"><AMDPAR>1. Section 740.2 is amended by adding paragraph (a)(9).</AMDPAR></REGTEXT>
      <FRDOC>[FR Doc. 2024-10001 Filed 5-1-24; 8:45 am]</FRDOC></RULE>`;
    expect(parseEntityListRule(xml)).toEqual({
      documentNumber: '2024-10001',
      title: 'Revisions to License Exception Example',
      citation: null,
      effectiveDate: null,
      actions: [],
    });
  });

  it('refuses XML that is cut off', () => {
    const xml = fixture('entity-list-rule.xml');
    expect(() => parseEntityListRule(xml.slice(0, xml.length / 2))).toThrow(SnapshotRefusedError);
    expect(() => parseEntityListRule('not xml at all')).toThrow(/not well-formed XML/);
  });
});

describe('parseEntityListRule on a rule with every alias form', () => {
  const rule = parseEntityListRule(fixture('alias-forms-rule.xml'), { publicationDate: '2024-11-26' });
  const byName = new Map(rule.actions.map((action) => [action.designation.name, action]));

  it('reads each action once: a multi-country entry is one designation with both countries and addresses', () => {
    expect(rule.effectiveDate).toBe('2024-11-26');
    expect(rule.actions.map((a) => [a.kind, a.designation.name, a.designation.countries])).toEqual([
      ['added', 'Aurora Example Semiconductor Co., Ltd.', ['CN', 'HK']],
      ['added', 'Boreal Example Optics Institute', ['CN']],
      ['revised', 'Cinder Example Vision Technology Co., Ltd.', ['CN']],
      ['added', 'OOO Example Tundra', ['RU']],
      ['added', 'Example Arctic Systems JSC', ['RU']],
      ['removed', 'Delta Example Engineering (Pvt.) Ltd.', ['PK']],
    ]);
  });

  it.each([
    ['"the following one alias:" inline', 'Aurora Example Semiconductor Co., Ltd.', ['Aurora Semi']],
    ['"three aliases:" with hyphen items ending in ";", "; and" and "."', 'Boreal Example Optics Institute', ['Boreal Optics', 'BEOI', 'Changchun Boreal Research Center']],
    ['"the following one alias:" on <LI> lines', 'Cinder Example Vision Technology Co., Ltd.', ['Cinder Vision']],
    ['inline f.k.a.', 'OOO Example Tundra', ['Example Polar Instruments LLC']],
    ['inline a.k.a. without a comma', 'Example Arctic Systems JSC', ['Arctic Systems']],
  ])('%s', (_label, name, aliases) => {
    expect(byName.get(name)?.designation.aliases).toEqual(aliases);
  });

  it('reads addresses and the licence columns, and fills [INSERT …] from the published document', () => {
    expect(byName.get('Aurora Example Semiconductor Co., Ltd.')?.designation).toMatchObject({
      addresses: ['Room 8, 1 Example Road, Wuxi, Jiangsu, China', 'Flat 2, 3 Example Street, Kowloon, Hong Kong'],
      licenseRequirement: 'For all items subject to the EAR. (See § 744.11 of the EAR)',
      licensePolicy: 'Presumption of denial.',
      frCitation: '89 FR 67317, 11/26/24.',
      startDate: '2024-11-26',
    });
    expect(byName.get('Cinder Example Vision Technology Co., Ltd.')?.designation).toMatchObject({
      addresses: ['No. 5 Example Road, Binjiang District, Hangzhou, Zhejiang, China'],
      licensePolicy:
        'Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, and 2E983; presumption of denial for all other items subject to the EAR.',
      frCitation: '84 FR 54002, 10/9/19. 86 FR 67317, 11/26/21.',
    });
  });

  it('leaves a placeholder as printed when the fact is unknown (no publication date given)', () => {
    const unpublished = parseEntityListRule(fixture('alias-forms-rule.xml'));
    expect(unpublished.effectiveDate).toBeNull();
    expect(unpublished.actions[0]?.designation.frCitation).toBe('89 FR 67317 [INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER].');
  });
});
