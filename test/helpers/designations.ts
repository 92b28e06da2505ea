/**
 * Build designations for tests with every field filled:
 *
 *   makeDesignation({ name: 'Acme Trading Co', list: 'EL', countries: ['CN'] })
 *   // key 'EL:acme trading co', listName 'Entity List (EL) - Bureau of Industry and Security', …
 *
 * The key is computed with `baseKey` (so Treasury lists with a `sourceId` get `SDN:<id>`) unless
 * given. Arrays default to empty, optional scalars to null, `type` to 'Entity'.
 */
import { baseKey } from '../../src/core/identity.js';
import { LISTS } from '../../src/core/lists.js';
import { blankDesignation, type Designation, type ListCode } from '../../src/core/model.js';

const AGENCY_NAMES = {
  BIS: 'Bureau of Industry and Security',
  OFAC: 'Treasury Department',
  State: 'State Department',
  DoD: 'Department of Defense',
  DHS: 'Department of Homeland Security',
  FCC: 'Federal Communications Commission',
} as const;

/** The list's full name in the CSL's style, e.g. "Entity List (EL) - Bureau of Industry and Security". */
export function listNameOf(list: ListCode): string {
  const info = LISTS[list];
  return `${info.shortName} (${list}) - ${AGENCY_NAMES[info.agency]}`;
}

export function makeDesignation(overrides: Partial<Designation> & { name: string; list: ListCode }): Designation {
  const keyless = blankDesignation({ key: '', listName: listNameOf(overrides.list), type: 'Entity', ...overrides });
  return { ...keyless, key: overrides.key ?? baseKey(keyless) };
}
