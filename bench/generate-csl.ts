/**
 * Generate realistic CSL snapshots (current 29-column format, JSON and CSV) of any size for the
 * ingest benchmark. Deterministic: the same n and seed give the same bytes.
 */

const SOURCES = [
  ['Entity List (EL) - Bureau of Industry and Security', 0.35],
  ['Specially Designated Nationals (SDN) - Treasury Department', 0.45],
  ['Denied Persons List (DPL) - Bureau of Industry and Security', 0.08],
  ['Sectoral Sanctions Identifications List (SSI) - Treasury Department', 0.07],
  ['Military End User (MEU) List - Bureau of Industry and Security', 0.05],
] as const;

const WORDS = ['Quantum', 'Photonics', 'Aerospace', 'Precision', 'Dynamics', 'Microwave', 'Sensing', 'Optics', 'Marine', 'Semiconductor', 'Digital', 'Vision', 'Materials', 'Energy', 'Logistics', 'Trading', 'Machinery', 'Electronics', 'Systems', 'Research'];
const CITIES = [['Beijing', 'CN'], ['Shenzhen', 'CN'], ['Moscow', 'RU'], ['Tehran', 'IR'], ['Minsk', 'BY'], ['Dubai', 'AE'], ['Hong Kong', 'HK']] as const;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface GeneratedRow {
  _id: string;
  source: string;
  entity_number: string;
  name: string;
  alt_names: string[];
  addresses: Array<{ address: string; city: string; state: string; postal_code: string; country: string }>;
  federal_register_notice: string;
  start_date: string;
  license_requirement: string;
  license_policy: string;
  programs: string[];
  remarks: string;
}

export function generateRows(n: number, seed = 42): GeneratedRow[] {
  const rand = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < n; i++) {
    let r = rand();
    let source: string = SOURCES[0][0];
    for (const [name, share] of SOURCES) {
      if (r < share) {
        source = name;
        break;
      }
      r -= share;
    }
    const treasury = source.includes('Treasury');
    const [city, country] = pick(CITIES);
    const name = `${pick(WORDS)} ${pick(WORDS)} ${i} ${treasury ? 'LLC' : 'Co., Ltd.'}`;
    rows.push({
      _id: treasury ? String(10000 + i) : `${(i * 2654435761 >>> 0).toString(16)}${i}`,
      source,
      entity_number: treasury ? String(10000 + i) : '',
      name,
      alt_names: rand() < 0.5 ? [`${name.split(' ')[0]} ${i} Group`, `${pick(WORDS)} ${i} Holdings`] : [],
      addresses: [{ address: `No. ${i % 500} ${pick(WORDS)} Road, Building ${i % 40}`, city, state: '', postal_code: String(100000 + (i % 9000)), country }],
      federal_register_notice: treasury ? '' : `${80 + (i % 10)} FR ${10000 + (i % 50000)}`,
      start_date: `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}`,
      license_requirement: treasury ? '' : 'For all items subject to the EAR. (See §744.11 of the EAR).',
      license_policy: treasury ? '' : 'Presumption of denial.',
      programs: treasury ? [pick(['RUSSIA-EO14024', 'SDGT', 'IRAN', 'NPWMD'])] : [],
      remarks: treasury && rand() < 0.3 ? `Linked To: ${pick(WORDS).toUpperCase()} ${i % 300} LLC.` : '',
    });
  }
  return rows;
}

/** The same rows with some added, removed and amended: `share` of n each. */
export function mutateRows(rows: readonly GeneratedRow[], share: number, seed = 7): GeneratedRow[] {
  const count = Math.max(1, Math.round(rows.length * share));
  const extra = generateRows(count, seed).map((row, i) => ({ ...row, _id: `new${i}`, entity_number: row.entity_number ? String(900000 + i) : '', name: `Newly Listed ${row.name}` }));
  return rows
    .slice(count) // the first `count` rows are removed
    .map((row, i) => (i % Math.floor(rows.length / count) === 0 ? { ...row, addresses: [{ ...row.addresses[0]!, address: `Moved ${i}` }] } : row))
    .concat(extra);
}

export function toJson(rows: readonly GeneratedRow[]): string {
  return JSON.stringify({
    results: rows.map((row) => ({
      id: row._id,
      source: row.source,
      entity_number: row.entity_number || null,
      type: row.entity_number ? 'Entity' : null,
      programs: row.programs,
      name: row.name,
      title: null,
      addresses: row.addresses,
      federal_register_notice: row.federal_register_notice,
      start_date: row.start_date,
      end_date: null,
      standard_order: null,
      license_requirement: row.license_requirement,
      license_policy: row.license_policy,
      call_sign: null,
      vessel_type: null,
      gross_tonnage: null,
      gross_registered_tonnage: null,
      vessel_flag: null,
      vessel_owner: null,
      remarks: row.remarks,
      source_list_url: 'https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list',
      alt_names: row.alt_names,
      citizenships: [],
      dates_of_birth: [],
      nationalities: [],
      places_of_birth: [],
      source_information_url: 'https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list',
      ids: [],
    })),
  });
}

const HEADER = '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';

function cell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export function toCsv(rows: readonly GeneratedRow[]): string {
  const lines = [HEADER];
  for (const row of rows) {
    const address = row.addresses.map((a) => [a.address, a.city, a.postal_code, a.country].filter(Boolean).join(', ')).join('; ');
    lines.push(
      [
        row._id, row.source, row.entity_number, row.entity_number ? 'Entity' : '', row.programs.join('; '), row.name, '', address,
        row.federal_register_notice, row.start_date, '', '', row.license_requirement, row.license_policy, '', '', '', '', '', '',
        row.remarks, 'https://www.bis.doc.gov/', row.alt_names.join('; '), '', '', '', '', 'https://www.bis.doc.gov/', '',
      ].map(cell).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
