/**
 * Two small, invented CSL snapshots (JSON format) for `entitywatch demo`: the second adds two
 * Entity List companies and an SDN entry, amends one address and removes one Denied Persons
 * entry. The companies are fictional.
 */

interface DemoRow {
  id: string;
  source: string;
  entity_number: string | null;
  name: string;
  alt_names: string[];
  addresses: Array<{ address: string; city: string; state: string; postal_code: string; country: string }>;
  federal_register_notice: string;
  start_date: string;
  license_requirement: string;
  license_policy: string;
  programs: string[];
  type: string | null;
  source_information_url: string;
}

const EL = 'Entity List (EL) - Bureau of Industry and Security';
const EL_URL = 'https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list';

function el(id: string, name: string, city: string, country: string, street: string, citation: string, date: string, aliases: string[] = []): DemoRow {
  return {
    id,
    source: EL,
    entity_number: null,
    name,
    alt_names: aliases,
    addresses: [{ address: street, city, state: '', postal_code: '', country }],
    federal_register_notice: citation,
    start_date: date,
    license_requirement: 'For all items subject to the EAR. (See §744.11 of the EAR).',
    license_policy: 'Presumption of denial.',
    programs: [],
    type: null,
    source_information_url: EL_URL,
  };
}

const base: DemoRow[] = [
  el('demo-el-1', 'Northwind Quantum Computing Co., Ltd.', 'Hefei', 'CN', 'No. 8 Innovation Avenue, High-Tech Zone', '88 FR 18983', '2023-04-04'),
  el('demo-el-2', 'Blue Harbor Photonics Institute', 'Wuhan', 'CN', '12 Optics Valley Road', '87 FR 77505', '2022-12-19'),
  {
    id: '90001',
    source: 'Specially Designated Nationals (SDN) - Treasury Department',
    entity_number: '90001',
    name: 'ORLOV TRADING LLC',
    alt_names: ['OOO ORLOV TREIDING'],
    addresses: [{ address: 'Ulitsa Primernaya 5', city: 'Moscow', state: '', postal_code: '101000', country: 'RU' }],
    federal_register_notice: '',
    start_date: '',
    license_requirement: '',
    license_policy: '',
    programs: ['RUSSIA-EO14024'],
    type: 'Entity',
    source_information_url: 'https://sanctionslist.ofac.treas.gov/Home/SdnList',
  },
  {
    id: 'demo-dpl-1',
    source: 'Denied Persons List (DPL) - Bureau of Industry and Security',
    entity_number: null,
    name: 'JOHN Q. EXAMPLE',
    alt_names: [],
    addresses: [{ address: '100 Sample Street', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' }],
    federal_register_notice: '85 F.R. 12345 3/1/20',
    start_date: '2020-02-25',
    license_requirement: '',
    license_policy: '',
    programs: [],
    type: null,
    source_information_url: 'https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list',
  },
];

export function demoSnapshots(): { before: string; after: string } {
  const after = base
    .filter((row) => row.id !== 'demo-dpl-1')
    .map((row) =>
      row.id === 'demo-el-2'
        ? { ...row, addresses: [{ address: '88 Laser Park, East Lake District', city: 'Wuhan', state: '', postal_code: '', country: 'CN' }] }
        : row,
    );
  after.push(
    el('demo-el-3', 'Lattice Qubit Technologies Co., Ltd.', 'Shanghai', 'CN', 'Room 1201, 500 Zhangjiang Road', '89 FR 40001', '2024-05-09', ['LQT Shanghai', 'Lattice Qubit']),
    el('demo-el-4', 'Shenzhen Bright Sensing Ltd.', 'Shenzhen', 'CN', '3F, Building 7, Science Park South', '89 FR 40001', '2024-05-09'),
    {
      id: '90002',
      source: 'Specially Designated Nationals (SDN) - Treasury Department',
      entity_number: '90002',
      name: 'VOLKOV SHIPPING JSC',
      alt_names: [],
      addresses: [{ address: 'Naberezhnaya 1', city: 'Saint Petersburg', state: '', postal_code: '', country: 'RU' }],
      federal_register_notice: '',
      start_date: '',
      license_requirement: '',
      license_policy: '',
      programs: ['RUSSIA-EO14024'],
      type: 'Entity',
      source_information_url: 'https://sanctionslist.ofac.treas.gov/Home/SdnList',
    },
  );
  return { before: JSON.stringify({ results: base }), after: JSON.stringify({ results: after }) };
}
