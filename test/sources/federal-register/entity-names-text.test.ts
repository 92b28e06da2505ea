import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entityNamesFromText } from '../../../src/sources/federal-register/entity-names-text.js';

const text = readFileSync(new URL('../../fixtures/federal-register/public-inspection-entity-list.txt', import.meta.url), 'utf8');

describe('entityNamesFromText', () => {
  it('lists the entities of a public-inspection text, each once, in table order', () => {
    expect(entityNamesFromText(text)).toEqual([
      'Harbor Lantern Microsystems Co., Ltd.',
      'Qingshan Example Photonics Institute',
      'Zagros Example Trading Company',
      'OOO Severny Example',
      'Falcon Example General Trading LLC',
    ]);
  });

  it('falls back to the names quoted in the instructions when the table cannot be found', () => {
    const withoutTable = text.slice(0, text.indexOf('Supplement No. 4 to Part 744 – Entity List'));
    expect(entityNamesFromText(withoutTable)).toEqual([
      'Harbor Lantern Microsystems Co., Ltd.',
      'Qingshan Example Photonics Institute',
      'Zagros Example Trading Company',
      'OOO Severny Example',
      'Falcon Example General Trading LLC',
    ]);
  });

  it('reads a table whose instructions are missing, and a country sharing the entity line', () => {
    const tableOnly = text.slice(text.indexOf('Supplement No. 4 to Part 744 – Entity List'));
    expect(entityNamesFromText(tableOnly)).toEqual([
      'Harbor Lantern Microsystems Co., Ltd.',
      'Qingshan Example Photonics Institute',
      'Zagros Example Trading Company',
      'OOO Severny Example',
      'Falcon Example General Trading LLC',
    ]);
  });

  it('finds nothing in a text about something else', () => {
    expect(entityNamesFromText('Airworthiness Directives; Example Airplanes. This AD is effective March 1, 2024.')).toEqual([]);
  });
});
