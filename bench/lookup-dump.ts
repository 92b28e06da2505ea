/**
 * Answer dump for changes to the match engine that must not change its answers:
 * `npm run build && node dist/bench/lookup-dump.js > /tmp/answers.txt`, before and after, then diff.
 *
 * For the generated corpus of bench/lookup.ts (seed 42, ~100,000 names) and the large one (seed
 * 43, LOOKUP_MILLION names, 0 skips it), prints every result (designation keys and score, in rank
 * order, with the matched name) of the bench's labelled queries and of random ones (words of
 * random names mixed, cut short, misspelt), then the same again after removing and re-adding
 * designations (so names added after the build and compaction are covered too).
 *
 * Env: LOOKUP_MILLION (default 1,000,000), LOOKUP_DUMP_QUERIES (labelled samples per corpus, 500).
 */
import { MatchIndex } from '../src/core/match/index.js';
import { labelledQueries, pick, random, type BenchDoc } from './lookup-data.js';
import { syntheticCorpus } from './lookup-synthetic.js';

const MILLION = Number(process.env.LOOKUP_MILLION ?? 1_000_000);
const SAMPLED = Number(process.env.LOOKUP_DUMP_QUERIES ?? 500);

function randomQueries(docs: readonly BenchDoc[], seed: number, n: number): string[] {
  const rand = random(seed);
  const out: string[] = [];
  const words = (doc: BenchDoc): string[] => pick(rand, [doc.designation.name, ...doc.designation.aliases]).split(/\s+/).filter(Boolean);
  for (let i = 0; i < n; i++) {
    const a = words(pick(rand, docs));
    const b = words(pick(rand, docs));
    switch (i % 5) {
      case 0: out.push([...a.slice(0, 2), ...b.slice(-2)].join(' ')); break;
      case 1: out.push(a.slice(0, 1 + Math.floor(rand() * a.length)).join(' ')); break;
      case 2: out.push(pick(rand, a)); break;
      case 3: {
        const word = pick(rand, a);
        const at = Math.floor(rand() * word.length);
        out.push([...a.filter((w) => w !== word), word.slice(0, at) + 'x' + word.slice(at + 1)].join(' '));
        break;
      }
      default: out.push(a.join('').slice(0, 12 + Math.floor(rand() * 10)));
    }
  }
  return out;
}

function dump(title: string, index: MatchIndex, queries: readonly string[]): void {
  console.log(`# ${title}`);
  for (const query of queries) {
    const results = index.search(query, { limit: 10 });
    const line = results.map((r) => `${r.designations.map((d) => d.key).join('+')}=${r.score}(${r.matchedName})`).join(' | ');
    console.log(`${query}\t${line}`);
  }
}

function corpus(title: string, docs: BenchDoc[], seed: number): void {
  const t0 = performance.now();
  const index = new MatchIndex();
  for (const doc of docs) index.upsert(doc.designation, doc.source);
  console.error(`${title}: ${docs.length} designations built in ${(performance.now() - t0).toFixed(0)} ms`);
  const queries = [...labelledQueries(docs, seed, SAMPLED).map((q) => q.query), ...randomQueries(docs, seed + 7, SAMPLED * 2)];
  dump(`${title}: as built`, index, queries);
  // Snapshot churn: a tenth removed, some re-added with fewer aliases, some renamed.
  const rand = random(seed + 13);
  const touched = docs.filter(() => rand() < 0.1);
  touched.forEach((doc, i) => {
    if (i % 3 === 0) index.remove(doc.designation.key, doc.source);
    else if (i % 3 === 1) index.upsert({ ...doc.designation, aliases: doc.designation.aliases.slice(1) }, doc.source);
    else index.upsert({ ...doc.designation, name: `${doc.designation.name} Renamed Holding` }, doc.source);
  });
  dump(`${title}: after churn`, index, queries.slice(0, SAMPLED * 2));
  // Remove most of it, which compacts the index.
  for (const doc of docs.slice(0, Math.floor(docs.length * 0.6))) index.remove(doc.designation.key, doc.source);
  dump(`${title}: after compaction`, index, queries.slice(0, SAMPLED * 2));
}

corpus('generated seed 42', syntheticCorpus(42, 30_000), 31338);
if (MILLION > 0) corpus('generated seed 43', syntheticCorpus(43, Math.round(MILLION / 3.3)), 31339);
