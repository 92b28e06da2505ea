/**
 * Generated counterparty watchlists for `npm run bench:screen` and the screening tests:
 * `generateCounterparties(designations, n, seed)` gives `n` counterparties, about 2% of them
 * derived from the designations as a customer list would name them — the brand alone, the brand
 * and its trade, a misspelt brand, a person as "Given SURNAME", a published alias — and the rest
 * invented companies built from the same cities, trades and legal forms, so they share the
 * lists' generic words ("Shenzhen … Technology Co., Ltd.") without being listed.
 */
import type { Designation } from '../src/core/model.js';
import { pick, random } from './lookup-data.js';
import type { ScreenedCounterparty } from '../src/watchlists/screen.js';

const CITIES = ['Shenzhen', 'Beijing', 'Shanghai', 'Hangzhou', 'Moscow', 'Dubai', 'Istanbul', 'Hamburg', 'Rotterdam', 'Singapore', 'Chicago', 'Osaka'];
const ROOTS = [
  'nor', 'vel', 'tar', 'quin', 'bra', 'lum', 'dex', 'cor', 'sol', 'mar', 'vin', 'tek', 'zen', 'pol', 'kar', 'ori', 'fal', 'ber',
  'gra', 'hel', 'jun', 'kel', 'lor', 'mon', 'nex', 'pra', 'ros', 'sta', 'tor', 'ulm', 'ver', 'wal', 'xan', 'yor', 'zel', 'alt',
];
const TRADES = ['Technology', 'Electronics', 'Trading', 'Logistics', 'Industrial', 'Precision Machinery', 'Chemical', 'Software', 'Shipping', 'Import and Export'];
const FORMS = ['Co., Ltd.', 'Limited', 'GmbH', 'LLC', 'Inc.', 'B.V.', 'S.A.', 'Corporation'];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** One letter swapped with its neighbour, inside the word. */
function misspell(rand: () => number, word: string): string {
  if (word.length < 6) return word;
  const i = 1 + Math.floor(rand() * (word.length - 3));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/** How a customer list might name a listed party. */
function derived(rand: () => number, d: Designation): string {
  const words = d.name.replace(/,/g, '').split(' ');
  if (d.type === 'Individual') {
    const [surname, ...given] = d.name.split(', ');
    return `${given.join(' ')} ${capitalise((surname ?? '').toLowerCase())}`;
  }
  const brand = words.find((w, i) => i > 0 && w.length >= 5) ?? words[0]!;
  const roll = rand();
  if (roll < 0.3) return brand;
  if (roll < 0.55) return words.slice(1, 3).join(' ');
  if (roll < 0.8) return d.name.replace(brand, misspell(rand, brand));
  return d.aliases[0] ?? d.name;
}

function invented(rand: () => number): string {
  const brand = capitalise(Array.from({ length: rand() < 0.5 ? 2 : 3 }, () => pick(rand, ROOTS)).join(''));
  const roll = rand();
  if (roll < 0.4) return `${pick(rand, CITIES)} ${brand} ${pick(rand, TRADES)} ${pick(rand, FORMS)}`;
  if (roll < 0.8) return `${brand} ${pick(rand, TRADES)} ${pick(rand, FORMS)}`;
  return `${brand} ${pick(rand, FORMS)}`;
}

/** `share`: how many are named after a designation (the rest are invented). */
export function generateCounterparties(designations: readonly Designation[], n: number, seed = 11, watchlist = 'customers', share = 0.02): ScreenedCounterparty[] {
  const rand = random(seed);
  const out: ScreenedCounterparty[] = [];
  for (let i = 0; i < n; i++) {
    const fromList = designations.length > 0 && rand() < share;
    const name = fromList ? derived(rand, pick(rand, designations)) : invented(rand);
    out.push({ watchlist, name, country: null, reference: `C-${i + 1}` });
  }
  return out;
}
