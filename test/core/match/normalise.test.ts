import { describe, expect, it } from 'vitest';
import { foldText, normaliseForMatch, splitAliasText, surnameTokens, withoutParentheses } from '../../../src/core/match/normalise.js';
import { stripLegalForms } from '../../../src/core/match/legal-forms.js';
import { stem } from '../../../src/core/match/tokens.js';

describe('normaliseForMatch', () => {
  it.each([
    // case, punctuation, legal forms
    ['Hangzhou Hikvision Digital Technology Co., Ltd.', 'hangzhou hikvision digital technology'],
    ['HANGZHOU HIKVISION DIGITAL TECHNOLOGY COMPANY LIMITED', 'hangzhou hikvision digital technology'],
    ['Huawei Technologies Co. Ltd', 'huawei technology'],
    ['QuantumCTek Co., Ltd.', 'quantumctek'],
    ['Acme L.L.C.', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme Inc.', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme PLC', 'acme'],
    ['Acme LLP', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Acme N.V.', 'acme'],
    ['Acme SpA', 'acme'],
    ['Acme S.R.L.', 'acme'],
    ['Acme Pte. Ltd.', 'acme'],
    ['Acme Pvt. Ltd.', 'acme'],
    ['Acme Private Limited', 'acme'],
    ['Acme Sdn. Bhd.', 'acme'],
    ['Acme FZE', 'acme'],
    ['Acme FZCO', 'acme'],
    ['Comercializadora Acme, S.A. de C.V.', 'comercializadora acme'],
    ['Acme S.A.', 'acme'],
    ['JSC Acme', 'acme'],
    ['OAO Acme', 'acme'],
    ['OOO Acme', 'acme'],
    ['ZAO Acme', 'acme'],
    ['PAO Acme', 'acme'],
    ['PJSC Acme', 'acme'],
    ['Public Joint Stock Company Acme', 'acme'],
    ['Joint-Stock Company Acme', 'acme'],
    ['Acme Limited Liability Company', 'acme'],
    ['Federal State Unitary Enterprise Acme', 'acme'],
    // legal forms mid-name: only unambiguous ones go
    ['Huawei Technologies Co., Ltd. Shenzhen Branch', 'huawei technology shenzhen branch'],
    ['China Electronics Technology Group Corporation 14th Research Institute', 'china electronic technology group corporation 14th research institute'],
    // short forms that are words or initials at the start stay
    ['AG Industries', 'ag industry'],
    ['SA Trading Co', 'sa trading'],
    // "Group" and "Holdings" are not legal forms
    ['Inspur Group Co., Ltd.', 'inspur group'],
    ['Acme Holdings Limited', 'acme holding'],
    // a name of nothing but legal forms keeps them
    ['Limited Company', 'limited company'],
    // filler words, ampersand, diacritics, apostrophes
    ['The Iranian Revolutionary Guards', 'iranian revolutionary guard'],
    ['Moscow Institute of Physics and Technology', 'moscow institute physic technology'],
    ['Moscow Institute of Physics & Technology', 'moscow institute physic technology'],
    ['Petróleos de Venezuela, S.A.', 'petroleos venezuela'],
    ['Rheinwerk Präzisionstechnik GmbH', 'rheinwerk prazisionstechnik'],
    ["Yuriy Koval'chuk", 'yuriy kovalchuk'],
    // other scripts
    ['ООО «Рособоронэкспорт»', 'rosoboroneksport'],
    ['Юрий Ковальчук', 'yuriy kovalchuk'],
    ['Ирина Щукина', 'irina shchukina'],
    // OFAC surname-first keeps word order here; the scorer compares sets
    ['PUTIN, Vladimir Vladimirovich', 'putin vladimir vladimirovich'],
    // a.k.a. text: the first name only
    ['Mahan Air (a.k.a. Mahan Airlines)', 'mahan air'],
    ['', ''],
    ['---', ''],
  ])('%j → %j', (name, expected) => {
    expect(normaliseForMatch(name)).toBe(expected);
  });
});

describe('foldText', () => {
  it('closes abbreviation dots and slashes but not ordinary ones', () => {
    expect(foldText('S.A. de C.V.')).toBe('sa de cv');
    expect(foldText('A/S Acme')).toBe('as acme');
    expect(foldText('Co.,Ltd.')).toBe('co ltd');
    expect(foldText('No.1 Plant')).toBe('no 1 plant');
    expect(foldText('  Multiple   spaces  ')).toBe('multiple spaces');
  });
});

describe('splitAliasText', () => {
  it.each([
    ['Beijing Zhongke Co. (a.k.a. Zhongke Tech; f.k.a. ZK Ltd.)', ['Beijing Zhongke Co.', 'Zhongke Tech', 'ZK Ltd.']],
    ['Acme Trading, d.b.a. Acme Electronics', ['Acme Trading', 'Acme Electronics']],
    ['X a/k/a Y', ['X', 'Y']],
    ['Alpha Ltd, formerly known as Beta Ltd', ['Alpha Ltd', 'Beta Ltd']],
    ['Osaka Trading; Kyoto Branch', ['Osaka Trading; Kyoto Branch']],
    ['Plain Name', ['Plain Name']],
  ])('%j', (name, expected) => {
    expect(splitAliasText(name)).toEqual(expected);
  });
});

describe('withoutParentheses', () => {
  it('drops the parenthesised part, or says there is none', () => {
    expect(withoutParentheses('Moscow Institute of Physics and Technology (MIPT)')).toBe('Moscow Institute of Physics and Technology');
    expect(withoutParentheses('China Unicom (Hong Kong) Limited')).toBe('China Unicom Limited');
    expect(withoutParentheses('No parentheses')).toBeNull();
  });
});

describe('surnameTokens', () => {
  it('reads OFAC "SURNAME, Given" and nothing else', () => {
    expect(surnameTokens('PUTIN, Vladimir Vladimirovich')).toEqual(['putin']);
    expect(surnameTokens('NÚÑEZ GARCÍA, José Ramón')).toEqual(['nunez', 'garcia']);
    expect(surnameTokens('ANGLO-CARIBBEAN CO., LTD.')).toBeNull();
    expect(surnameTokens('Alex Ardalan')).toBeNull();
    expect(surnameTokens('A, B, C')).toBeNull();
  });
});

describe('stripLegalForms', () => {
  it('strips at the edges and, for unambiguous forms, mid-name', () => {
    expect(stripLegalForms(['ooo', 'alfa', 'trade', 'co', 'ltd'])).toEqual(['alfa', 'trade']);
    expect(stripLegalForms(['liability', 'limited', 'company', 'transalfa'])).toEqual(['liability', 'company', 'transalfa']);
    expect(stripLegalForms(['ericsson', 'ab'])).toEqual(['ericsson']);
    expect(stripLegalForms(['ab', 'volvo'])).toEqual(['ab', 'volvo']);
  });
});

describe('stem', () => {
  it('folds plain plurals and leaves other endings alone', () => {
    expect(['technologies', 'holdings', 'networks', 'systems', 'texas', 'atlas', 'business', 'paris', 'sky'].map(stem)).toEqual([
      'technology', 'holding', 'network', 'system', 'texas', 'atlas', 'business', 'paris', 'sky',
    ]);
  });
});
