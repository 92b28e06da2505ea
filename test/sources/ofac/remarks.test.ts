import { describe, expect, it } from 'vitest';
import { splitPrograms } from '../../../src/sources/ofac-common/entries.js';
import { remarkCountries, remarkIds, weakAliases } from '../../../src/sources/ofac-common/remarks.js';

describe('splitPrograms', () => {
  it.each([
    ['SDGT] [IRGC', ['SDGT', 'IRGC']],
    ['DPRK3] [CYBER2] [DPRK3', ['DPRK3', 'CYBER2']],
    ['[SDGT]', ['SDGT']],
    ['CAATSA - RUSSIA', ['CAATSA - RUSSIA']],
    ['-0- ', []],
  ])('%j → %j', (value, programs) => {
    expect(splitPrograms(value)).toEqual(programs);
  });
});

describe('remarks', () => {
  it('reads weak aliases, allowing apostrophes inside a name', () => {
    expect(weakAliases("a.k.a. 'ABU 'ALI'; f.k.a. 'MU' ASSA AL-KHAYR'; n.k.a. 'NEW NAME'.")).toEqual([
      "ABU 'ALI",
      "MU' ASSA AL-KHAYR",
      'NEW NAME',
    ]);
    expect(weakAliases("DOB 1970; a.k.a. 'CUT OFF")).toEqual([]);
    expect(weakAliases(null)).toEqual([]);
  });

  it('reads nationality and citizenship countries', () => {
    expect(remarkCountries('DOB 1970; nationality Korea, North; alt. nationality China; citizen Iran; POB Tula, Russia.')).toEqual([
      'KP',
      'CN',
      'IR',
    ]);
  });

  it('reads documents with a country and bare vessel/bank identifiers, not other parentheses', () => {
    expect(
      remarkIds(
        'Passport A123 (Iran) expires 2030; alt. National ID No. 77-1 (Korea, South); Linked To: FOO 12 (Iran); SWIFT/BIC ABCDIRTH; DOB 1960 (approx); Tax ID No. 55 (Atlantis).',
      ),
    ).toEqual(['Passport, A123, IR', 'National ID No., 77-1, KR', 'SWIFT/BIC, ABCDIRTH']);
  });
});
