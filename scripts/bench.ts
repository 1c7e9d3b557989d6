/**
 * `npm run bench`: performance figures, each the median (and 95th percentile) of repeated runs, with its target.
 * Prints one JSON object and a table, and writes them to bench/results.json. Browser figures join in later.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledDirectory, lookupPostcode, searchDirectory } from '../lib/directory';
import { generatePassword } from '../lib/password';
import { packReferral, parseReferral } from '../lib/referral';

type Figure = { name: string; unit: 'ms'; median: number; p95: number; runs: number; target: number; pass: boolean };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

async function measure(name: string, target: number, runs: number, work: () => unknown): Promise<Figure> {
  for (let i = 0; i < Math.min(20, runs); i++) await work(); // warm-up: JIT and lazy indexes
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 0.5);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { name, unit: 'ms', median: round(median), p95: round(percentile(times, 0.95)), runs, target, pass: median <= target };
}

const postcodes = bundledDirectory.municipalities.flatMap((m) => m.postcodes);
const queries = ['Gierle', 'Kortessem', 'sint genesius', 'Bruxelles', 'Gent', 'Ham', '22', 'Wechelderzande'];
const input = {
  client: {
    firstName: 'Jan', lastName: 'Peeters', phone: '0470 12 34 56', email: 'jan.peeters@example.org',
    address: { street: 'Kerkstraat', houseNumber: '1', box: '', postcode: '2275', municipality: 'Lille' },
  },
  consent: { informed: true, consented: true, date: '2026-11-20', manner: 'mondeling' },
};
const parsed = parseReferral(input, { now: new Date('2026-11-22T10:00:00Z') });
if (!parsed.ok) throw new Error('bench input invalid');
const password = generatePassword();

let next = 0;
const figures = [
  await measure('directory: lookupPostcode (one Flemish/Brussels postcode)', 1, 5000, () => lookupPostcode(postcodes[next++ % postcodes.length] ?? '2275')),
  await measure('directory: searchDirectory (one query)', 1, 2000, () => searchDirectory(queries[next++ % queries.length] ?? 'Lille')),
  await measure('referral: parseReferral (typical referral)', 5, 500, () => parseReferral(input)),
  await measure('referral: packReferral (typical referral, AES-256)', 20, 100, () => packReferral(parsed.referral, password)),
];

const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  figures,
};
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'results.json');
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result)}\n\n`);
process.stdout.write('| figure | median | p95 | target | |\n|---|---|---|---|---|\n');
for (const figure of figures) {
  process.stdout.write(`| ${figure.name} | ${figure.median} ms | ${figure.p95} ms | ≤ ${figure.target} ms | ${figure.pass ? 'pass' : 'miss'} |\n`);
}
