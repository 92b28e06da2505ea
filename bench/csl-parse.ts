/**
 * Times the CSL parsers on a generated 30,000-row snapshot (invented rows, realistic shape and
 * field sizes), next to bare JSON.parse and bare csv-parse on the same bodies.
 *
 * Run: `npx tsc -p tsconfig.build.json && node --expose-gc dist/bench/csl-parse.js [rows]`.
 * Reports wall and CPU milliseconds; on a shared machine the CPU figure is the steadier one.
 */
import { performance } from 'node:perf_hooks';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseCslCsv } from '../src/sources/csl/parse-csv.js';
import { parseCslJson } from '../src/sources/csl/parse-json.js';

const SOURCES = [
  ['Specially Designated Nationals (SDN) - Treasury Department', 0.5],
  ['Entity List (EL) - Bureau of Industry and Security', 0.2],
  ['Sectoral Sanctions Identifications List (SSI) - Treasury Department', 0.1],
  ['Denied Persons List (DPL) - Bureau of Industry and Security', 0.06],
  ['Unverified List (UVL) - Bureau of Industry and Security', 0.04],
  ['Nonproliferation Sanctions (ISN) - State Department', 0.04],
  ['ITAR Debarred (DTC) - State Department', 0.03],
  ['Military End User (MEU) List - Bureau of Industry and Security', 0.015],
  ['Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department', 0.015],
] as const;

const COUNTRIES = ['CN', 'RU', 'IR', 'KP', 'AE', 'TR', 'HK', 'SY', 'VE', 'BY'];
const WORDS = ['Global', 'Trading', 'Industrial', 'Technology', 'Import', 'Export', 'Logistics', 'Holding', 'Machinery', 'Electronics'];

/** Deterministic pseudo-random numbers, so runs are comparable. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

interface Row {
  id: string;
  source: string;
  entityNumber: number | null;
  type: string | null;
  programs: string[];
  name: string;
  addresses: Array<{ address: string; city: string; state: string | null; postal_code: string | null; country: string }>;
  fr: string | null;
  start: string | null;
  altNames: string[];
  nationalities: string[];
  ids: Array<{ type: string; number: string; country: string | null }>;
  remarks: string | null;
  licenseRequirement: string | null;
}

function generate(count: number): Row[] {
  const rnd = lcg(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    let r = rnd();
    let source: string = SOURCES[0][0];
    for (const [text, share] of SOURCES) {
      if (r < share) {
        source = text;
        break;
      }
      r -= share;
    }
    const treasury = source.includes('Treasury');
    rows.push({
      id: treasury ? String(10000 + i) : `${(i * 2654435761).toString(16)}a1b2c3d4e5f6a7b8c9d0`,
      source,
      entityNumber: treasury ? 10000 + i : null,
      type: treasury ? pick(['Entity', 'Individual', 'Vessel']) : null,
      programs: treasury ? [pick(['RUSSIA-EO14024', 'SDGT', 'IRAN', 'NPWMD', 'CMIC-EO13959'])] : [],
      name: `${words(3)} Co., Ltd. ${i}`,
      addresses: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => ({
        address: `${k + 1} ${words(2)} Road, Room ${i % 900}`,
        city: pick(['Shenzhen', 'Moscow', 'Tehran', 'Dubai', 'Istanbul']),
        state: rnd() < 0.5 ? 'Guangdong' : null,
        postal_code: rnd() < 0.5 ? String(100000 + i) : null,
        country: pick(COUNTRIES),
      })),
      fr: treasury ? null : `${80 + (i % 9)} FR ${10000 + (i % 50000)}`,
      start: treasury ? null : '2023-05-01',
      altNames: Array.from({ length: Math.floor(rnd() * 5) }, () => words(3)),
      nationalities: rnd() < 0.2 ? [pick(COUNTRIES)] : [],
      ids: treasury
        ? Array.from({ length: Math.floor(rnd() * 4) }, () => ({
            type: 'Registration Number',
            number: String(Math.floor(rnd() * 1e12)),
            country: pick(COUNTRIES),
          }))
        : [],
      remarks: rnd() < 0.2 ? `Linked To: ${words(3)}` : null,
      licenseRequirement: treasury ? null : 'For all items subject to the EAR. (See §744.11 of the EAR).',
    });
  }
  return rows;
}

const HEADER = [
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date',
  'standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage',
  'vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities',
  'places_of_birth,source_information_url,ids',
].join(',');

function csvOf(rows: Row[]): string {
  const q = (value: string | number | null): string => `"${String(value ?? '').replace(/"/g, '""')}"`;
  const lines = [HEADER];
  for (const row of rows) {
    const addresses = row.addresses.map((a) => [a.address, a.city, a.state, a.postal_code, a.country].filter(Boolean).join(', '));
    const ids = row.ids.map((d) => [d.type, d.number, d.country].filter(Boolean).join(', '));
    lines.push(
      [
        row.id, row.source, row.entityNumber, row.type, row.programs.join('; '), row.name, '', addresses.join('; '), row.fr,
        row.start, '', '', row.licenseRequirement, '', '', '', '', '', '', '', row.remarks, 'https://example.test/list',
        row.altNames.join('; '), '', '', row.nationalities.join('; '), '', 'https://example.test/info', ids.join('; '),
      ]
        .map(q)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function jsonOf(rows: Row[]): string {
  const results = rows.map((row) => ({
    id: row.id,
    source: row.source,
    entity_number: row.entityNumber,
    type: row.type,
    programs: row.programs,
    name: row.name,
    title: null,
    addresses: row.addresses,
    federal_register_notice: row.fr,
    start_date: row.start,
    end_date: null,
    standard_order: null,
    license_requirement: row.licenseRequirement,
    license_policy: null,
    call_sign: null,
    vessel_type: null,
    gross_tonnage: null,
    gross_registered_tonnage: null,
    vessel_flag: null,
    vessel_owner: null,
    remarks: row.remarks,
    source_list_url: 'https://example.test/list',
    alt_names: row.altNames,
    citizenships: [],
    dates_of_birth: [],
    nationalities: row.nationalities,
    places_of_birth: [],
    source_information_url: 'https://example.test/info',
    ids: row.ids.map((d) => ({ ...d, issue_date: null, expiration_date: null })),
  }));
  return JSON.stringify({ results, total: results.length });
}

function time(label: string, runs: number, fn: () => unknown): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]): string => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(0);
  console.log(`${label.padEnd(26)} wall median ${median(wall).padStart(4)} ms   cpu median ${median(cpu).padStart(4)} ms`);
}

const count = Number(process.argv[2] ?? 30_000);
const rows = generate(count);
const csv = Buffer.from(csvOf(rows));
const json = jsonOf(rows);
console.log(`${count} rows: CSV ${(csv.length / 1e6).toFixed(1)} MB, JSON ${(json.length / 1e6).toFixed(1)} MB`);
const runs = 7;
time('bare JSON.parse', runs, () => JSON.parse(json));
time('parseCslJson', runs, () => parseCslJson(json));
time('bare csv-parse (arrays)', runs, () => parseCsv(csv, { columns: false }));
time('parseCslCsv', runs, () => parseCslCsv(csv));
const heapBefore = process.memoryUsage().heapUsed;
const kept = parseCslCsv(csv);
console.log(`designations: ${kept.length}, heap held by them ~${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB`);
