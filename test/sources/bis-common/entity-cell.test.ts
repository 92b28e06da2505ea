import { describe, expect, it } from 'vitest';
import { parseEntityCell, type EntityCell } from '../../../src/sources/bis-common/entity-cell.js';

describe('parseEntityCell', () => {
  it.each<[string, string[] | string, EntityCell]>([
    [
      'name and one address on one line',
      'Beijing Example Computing Center, No. 10 East Example Road, Haidian District, Beijing, China.',
      { name: 'Beijing Example Computing Center', aliases: [], addresses: ['No. 10 East Example Road, Haidian District, Beijing, China'] },
    ],
    [
      'company suffixes after commas stay in the name',
      'Example Microwave Co., Ltd., Room 5, 8 Example Road, Chengdu, China.',
      { name: 'Example Microwave Co., Ltd.', aliases: [], addresses: ['Room 5, 8 Example Road, Chengdu, China'] },
    ],
    [
      'a name without an address',
      'Example Trading LLC.',
      { name: 'Example Trading LLC', aliases: [], addresses: [] },
    ],
    [
      'aliases and addresses on their own lines',
      ['Alpha Co., Ltd., a.k.a., the following two aliases:', '—Alpha Tech; and', '—Alpha Shenzhen.', 'Room 1, 2 Road, Shenzhen, China; and 3 Street, Shanghai, China.'],
      { name: 'Alpha Co., Ltd.', aliases: ['Alpha Tech', 'Alpha Shenzhen'], addresses: ['Room 1, 2 Road, Shenzhen, China', '3 Street, Shanghai, China'] },
    ],
    [
      'aliases inline, the last running into the address after "Ltd."',
      'Zeta AI, a.k.a., the following two aliases: —Zeta; and —Beijing Zeta Technology Co., Ltd. Floor 10, Building 9, Example East Road, Beijing, China.',
      { name: 'Zeta AI', aliases: ['Zeta', 'Beijing Zeta Technology Co., Ltd.'], addresses: ['Floor 10, Building 9, Example East Road, Beijing, China'] },
    ],
    [
      'aliases inline, the last ending a sentence before a city',
      'Habib Example, a.k.a., the following three aliases: —Hanif; —Engineer Example; and —Habib Exampler. Ghazni City, Afghanistan.',
      { name: 'Habib Example', aliases: ['Hanif', 'Engineer Example', 'Habib Exampler'], addresses: ['Ghazni City, Afghanistan'] },
    ],
    [
      'one alias then the address, all on one line',
      'Delta Example Institute, a.k.a., DEI, 200 Example Street, Nanjing, China.',
      { name: 'Delta Example Institute', aliases: ['DEI'], addresses: ['200 Example Street, Nanjing, China'] },
    ],
    [
      'one alias, the address on the next line',
      ['Omega Example Group, a.k.a., Omega Holdings Ltd.', 'P.O. Box 1234, Dubai, United Arab Emirates.'],
      { name: 'Omega Example Group', aliases: ['Omega Holdings Ltd.'], addresses: ['P.O. Box 1234, Dubai, United Arab Emirates'] },
    ],
    [
      'hyphens instead of dashes (plain text)',
      ['Sigma LLC, a.k.a., the following two aliases:', '-Sigma Limited; and', '-OOO Sigma.', 'Ulitsa Primernaya 1, Moscow, Russia.'],
      { name: 'Sigma LLC', aliases: ['Sigma Limited', 'OOO Sigma'], addresses: ['Ulitsa Primernaya 1, Moscow, Russia'] },
    ],
    [
      'a name ending in "and" is not a list joint',
      'Majid Exampleand, Suite 33-01, Example Tower, Kuala Lumpur, Malaysia.',
      { name: 'Majid Exampleand', aliases: [], addresses: ['Suite 33-01, Example Tower, Kuala Lumpur, Malaysia'] },
    ],
    [
      '"and subordinate entity" continues the name',
      'Example Atomic Commission (EAC), and subordinate entity Example Institute of Science (EIS), Nilore, Islamabad, Pakistan.',
      { name: 'Example Atomic Commission (EAC), and subordinate entity Example Institute of Science (EIS)', aliases: [], addresses: ['Nilore, Islamabad, Pakistan'] },
    ],
    [
      '"the following one alias:" with the alias inline, then the address',
      'Nanhu Example Vision Co., Ltd., a.k.a., the following one alias: —Nanhu Vision. No. 55 Example Road, Binjiang District, Hangzhou, Zhejiang, China.',
      { name: 'Nanhu Example Vision Co., Ltd.', aliases: ['Nanhu Vision'], addresses: ['No. 55 Example Road, Binjiang District, Hangzhou, Zhejiang, China'] },
    ],
    [
      '"the following one alias:" on its own line, the alias and address on theirs',
      ['Nanhu Example Vision Co., Ltd., a.k.a., the following one alias:', '—Nanhu Vision.', 'No. 55 Example Road, Hangzhou, Zhejiang, China.'],
      { name: 'Nanhu Example Vision Co., Ltd.', aliases: ['Nanhu Vision'], addresses: ['No. 55 Example Road, Hangzhou, Zhejiang, China'] },
    ],
    [
      '"N aliases:" with hyphen items inline, "; and" and "." endings',
      'Kappa Example Institute, a.k.a., the following three aliases: -Kappa Lab; -KEI; and -Kappa Research Center. 9 Example Street, Wuhan, China.',
      { name: 'Kappa Example Institute', aliases: ['Kappa Lab', 'KEI', 'Kappa Research Center'], addresses: ['9 Example Street, Wuhan, China'] },
    ],
    [
      'a numeral count ("the following 3 aliases:") with en dashes',
      ['Lambda LLC, a.k.a., the following 3 aliases:', '–Lambda One;', '–Lambda Two; and', '–Lambda-Three Ltd.', 'Ulitsa Primernaya 2, Moscow, Russia.'],
      { name: 'Lambda LLC', aliases: ['Lambda One', 'Lambda Two', 'Lambda-Three Ltd.'], addresses: ['Ulitsa Primernaya 2, Moscow, Russia'] },
    ],
    [
      'inline "f.k.a." is an alias',
      'Mu Example Trading FZE, f.k.a. Old Mu Trading, P.O. Box 77, Dubai, United Arab Emirates.',
      { name: 'Mu Example Trading FZE', aliases: ['Old Mu Trading'], addresses: ['P.O. Box 77, Dubai, United Arab Emirates'] },
    ],
    [
      'inline "a.k.a." and "f.k.a." together',
      'Nu Example Co., a.k.a. Nu Tech, f.k.a. Nu Old Tech, 4 Example Road, Minsk, Belarus.',
      { name: 'Nu Example Co.', aliases: ['Nu Tech', 'Nu Old Tech'], addresses: ['4 Example Road, Minsk, Belarus'] },
    ],
    [
      'a parenthesised former name stays in the name (as the CSL prints it)',
      'Resort Example Oreanda (f.k.a., Example Sanatorium), 12 Example Road, Yalta, Ukraine.',
      { name: 'Resort Example Oreanda (f.k.a., Example Sanatorium)', aliases: [], addresses: ['12 Example Road, Yalta, Ukraine'] },
    ],
  ])('%s', (_label, input, expected) => {
    expect(parseEntityCell(input)).toEqual(expected);
  });
});
