/**
 * Designation alerts for the Discord tests, built from invented designations.
 */
import type { DesignationsAlert } from '../../../src/core/alert.js';
import type { Designation } from '../../../src/core/model.js';
import { makeDesignation } from '../../helpers/designations.js';

export function elAlert(designations: Designation[], id = 'al_discord_1'): DesignationsAlert {
  return {
    id,
    kind: 'designations',
    source: 'csl',
    createdAt: '2026-11-21T10:00:00.000Z',
    title: `Entity List — ${designations.length} addition${designations.length === 1 ? '' : 's'}`,
    priority: 'normal',
    threadOf: null,
    notes: ['Announced in FR 2026-01234 on 2026-11-20'],
    links: [{ label: '91 FR 12345', url: 'https://www.federalregister.gov/citation/91-FR-12345' }],
    list: 'EL',
    listName: 'Entity List (EL) - Bureau of Industry and Security',
    changes: designations.map((after) => ({ kind: 'added', key: after.key, after })),
  };
}

/** `n` invented Entity List designations with long-ish addresses, as a big FR rule would add. */
export function manyDesignations(n: number): Designation[] {
  return Array.from({ length: n }, (_, i) =>
    makeDesignation({
      name: `Example Trading Company ${i + 1} Limited`,
      list: 'EL',
      aliases: [`ETC ${i + 1}`, `Example Trading ${i + 1}`],
      countries: ['CN'],
      addresses: [`Building ${i + 1}, 88 Harbour Road, Wan Chai, Hong Kong`],
      licensePolicy: 'Presumption of denial.',
      frCitation: '91 FR 12345',
    }),
  );
}

export const HOSTILE = makeDesignation({
  name: '@everyone <@&123> Acme',
  list: 'EL',
  aliases: ['@here **bold** [click](https://evil.example/x)', '<@456> <#789>'],
  countries: ['CN'],
  addresses: ['> quoted\n# heading'],
  licensePolicy: 'Case-by-case review.',
  frCitation: '91 FR 12345',
});
