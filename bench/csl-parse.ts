/**
 * Times the CSL parsers alone on a generated snapshot (bench/generate-csl.ts), next to bare
 * JSON.parse and bare csv-parse of the same bodies: the floor the parsers are compared with.
 *
 * Run: `npm run build && node --expose-gc dist/bench/csl-parse.js [rows]` (default 30,000).
 * Reports wall and CPU milliseconds; on a shared machine the CPU figure is the steadier one.
 */
import { performance } from 'node:perf_hooks';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseCsl } from '../src/sources/csl/index.js';
import { generateRows, toCsv, toJson } from './generate-csl.js';

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
const rows = generateRows(count);
const csv = Buffer.from(toCsv(rows));
const json = Buffer.from(toJson(rows));
console.log(`${count} rows: CSV ${(csv.length / 1e6).toFixed(1)} MB, JSON ${(json.length / 1e6).toFixed(1)} MB`);
const runs = 7;
time('bare JSON.parse', runs, () => JSON.parse(json.toString('utf8')));
time('CSL JSON → designations', runs, () => parseCsl({ bytes: json, contentType: null, location: 'consolidated.json' }));
time('bare csv-parse (arrays)', runs, () => parseCsv(csv, { columns: false }));
time('CSL CSV → designations', runs, () => parseCsl({ bytes: csv, contentType: null, location: 'consolidated.csv' }));
