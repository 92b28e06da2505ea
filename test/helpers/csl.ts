/**
 * Build CSL snapshot bodies (JSON and current-format CSV) from short row specs, so tests can
 * describe "the list before" and "the list after" in a few lines. All entries are invented.
 */
export interface CslRowSpec {
  source?: string;
  name: string;
  id?: string;
  entityNumber?: string;
  aliases?: string[];
  address?: string;
  city?: string;
  country?: string;
  citation?: string;
  startDate?: string;
  policy?: string;
}

export const SOURCES = {
  EL: 'Entity List (EL) - Bureau of Industry and Security',
  SDN: 'Specially Designated Nationals (SDN) - Treasury Department',
  DPL: 'Denied Persons List (DPL) - Bureau of Industry and Security',
  MEU: 'Military End User (MEU) List - Bureau of Industry and Security',
} as const;

export function cslJson(rows: readonly CslRowSpec[]): string {
  return JSON.stringify({
    results: rows.map((row, i) => ({
      id: row.id ?? row.entityNumber ?? `gen-${i}-${row.name.length}`,
      source: row.source ?? SOURCES.EL,
      entity_number: row.entityNumber ?? null,
      type: null,
      programs: [],
      name: row.name,
      title: null,
      addresses: row.address ? [{ address: row.address, city: row.city ?? '', state: '', postal_code: '', country: row.country ?? 'CN' }] : [],
      federal_register_notice: row.citation ?? '88 FR 1000',
      start_date: row.startDate ?? '2023-01-01',
      end_date: null,
      standard_order: null,
      license_requirement: 'For all items subject to the EAR.',
      license_policy: row.policy ?? 'Presumption of denial.',
      remarks: null,
      source_list_url: `https://example.gov/list?t=${Math.random()}`,
      alt_names: row.aliases ?? [],
      citizenships: [],
      nationalities: [],
      dates_of_birth: [],
      places_of_birth: [],
      source_information_url: 'https://example.gov/info',
      ids: [],
    })),
  });
}

/** `n` invented Entity List rows, "Example Company 0001 Co., Ltd." … */
export function manyRows(n: number, prefix = 'Example Company'): CslRowSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${prefix} ${String(i).padStart(4, '0')} Co., Ltd.`,
    address: `${i} Example Road`,
    city: 'Shenzhen',
    country: 'CN',
  }));
}
