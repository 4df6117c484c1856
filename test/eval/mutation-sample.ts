/**
 * `npm run mutation:sample -- run|score`: the mutation score of extractors/entities/ (and
 * src/fetch/guard.ts) from a random sample of their mutants, for machines where the full run
 * (`npm run mutation`, about 8,400 mutants, 5 to 8 hours on 2 shared cores) does not fit.
 *
 * test/eval/mutation-sample.json holds the sample: per file, 8% of the clusters (every mutant one
 * mutator makes on one node), drawn at random from what Stryker's instrumenter makes, and the
 * Stryker runs that test them. A sampled block or condition holds other mutants; testing them all
 * would cost most of a full run, so such clusters go to a run that enables only their mutator, and
 * only the sampled clusters are scored. Its locations hold for the source it was drawn on: `score`
 * reports sampled clusters no run produced (a stale sample) rather than hiding them.
 *
 * - run: one `stryker run` per sample run (test/stryker.config.json with the run's ranges and
 *   mutators), reports in reports/mutation-sample/<run>/mutation.json.
 * - score [--reports <dir>]: per module, killed and timed-out over scored mutants of the sampled clusters, weighted by
 *   each file's clusters over its sampled ones; 95% intervals by resampling the sampled clusters of
 *   each file (bootstrap, fixed seed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package.js';

interface Plan {
  files: Record<string, { mutants: number; clusters: number }>;
  runs: Record<string, { mutate: string[]; excludedMutations: string[] }>;
  sample: Array<{ file: string; loc: [number, number, number, number]; mutator: string }>;
}
interface ReportMutant {
  mutatorName: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const root = packageRoot();
const plan = JSON.parse(readFileSync(join(root, 'test/eval/mutation-sample.json'), 'utf8')) as Plan;
/** Where the runs write their reports; `score --reports <dir>` reads another copy (e.g. with a re-run's statuses). */
const reportsArg = process.argv.indexOf('--reports');
const outDir = reportsArg > 0 ? join(root, process.argv[reportsArg + 1]!) : join(root, 'reports/mutation-sample');

function run(): void {
  const base = JSON.parse(readFileSync(join(root, 'test/stryker.config.json'), 'utf8')) as Record<string, unknown>;
  mkdirSync(outDir, { recursive: true });
  for (const [name, r] of Object.entries(plan.runs)) {
    const config = {
      ...base,
      $schema: undefined,
      mutate: r.mutate,
      mutator: { excludedMutations: r.excludedMutations },
      incrementalFile: `reports/mutation-sample/${name}.incremental.json`,
      reporters: ['clear-text', 'progress', 'json'],
      jsonReporter: { fileName: `reports/mutation-sample/${name}/mutation.json` },
    };
    const file = join(outDir, `${name}.stryker.json`);
    writeFileSync(file, JSON.stringify(config, null, 1));
    console.log(`sample run ${name}: ${r.mutate.length} clusters`);
    const done = spawnSync('npx', ['stryker', 'run', file], { cwd: root, stdio: 'inherit' });
    if (done.status !== 0) throw new Error(`stryker run ${name} failed (${done.status})`);
  }
}

/** mulberry32: a small seeded generator, so the intervals are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Scored = { detected: number; valid: number };
const DETECTED = new Set(['Killed', 'Timeout']);
/** Static mutants (ignoreStatic), compile and runtime errors are no score, as in Stryker's own. */
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

function score(): void {
  // A cluster is scored from its own run only: another run may hold the same mutants as extras
  // inside a sampled node, or list them as Ignored when it excludes their mutator.
  const statuses = new Map<string, string[]>();
  for (const name of Object.keys(plan.runs)) {
    const file = join(outDir, name, 'mutation.json');
    if (!existsSync(file)) {
      console.log(`no report for sample run ${name} (${file}): run it first`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, { mutants: ReportMutant[] }> };
    for (const [f, { mutants }] of Object.entries(report.files)) {
      for (const m of mutants) {
        // Report positions are 1-based; the sample keeps the instrumenter's 0-based ones.
        const l = m.location;
        const key = `${name}|${f}|${l.start.line - 1},${l.start.column - 1},${l.end.line - 1},${l.end.column - 1}|${m.mutatorName}`;
        statuses.set(key, [...(statuses.get(key) ?? []), m.status]);
      }
    }
  }
  const byFile = new Map<string, Scored[]>();
  let missing = 0;
  // The run of a cluster: it lists the cluster's node and does not exclude its mutator.
  const runOf = (c: Plan['sample'][number]) => {
    const range = `${c.file}:${c.loc[0] + 1}:${c.loc[1]}-${c.loc[2] + 1}:${c.loc[3]}`;
    return Object.entries(plan.runs).find(([, r]) => r.mutate.includes(range) && !r.excludedMutations.includes(c.mutator))?.[0];
  };
  for (const c of plan.sample) {
    const st = statuses.get(`${runOf(c)}|${c.file}|${c.loc.join(',')}|${c.mutator}`);
    if (!st) {
      missing++;
      continue;
    }
    const s = { detected: st.filter((x) => DETECTED.has(x)).length, valid: st.filter((x) => VALID.has(x)).length };
    byFile.set(c.file, [...(byFile.get(c.file) ?? []), s]);
  }
  if (missing) console.log(`${missing} sampled clusters are in no report (a run missing, or the source changed since the sample was drawn)`);

  const estimate = (files: Map<string, Scored[]>) => {
    let d = 0;
    let v = 0;
    for (const [f, cl] of files) {
      const w = plan.files[f]!.clusters / cl.length;
      for (const c of cl) {
        d += w * c.detected;
        v += w * c.valid;
      }
    }
    return v ? d / v : NaN;
  };
  const random = rng(20261201);
  const interval = (files: Map<string, Scored[]>): string => {
    const draws: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const resampled = new Map([...files].map(([f, cl]) => [f, cl.map(() => cl[Math.floor(random() * cl.length)]!)]));
      const e = estimate(resampled);
      if (!Number.isNaN(e)) draws.push(e);
    }
    draws.sort((a, b) => a - b);
    return draws.length < 1900 ? '-' : `${pct(draws[Math.floor(0.025 * draws.length)]!)}-${pct(draws[Math.ceil(0.975 * draws.length) - 1]!)}`;
  };
  const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(0)}%`);
  // indicators/ and attack/ as one module each.
  const moduleOf = (f: string) => f.replace(/^extractors\/entities\//, '').replace(/^(indicators|attack)\/.*$/, '$1/');
  const modules = new Map<string, Map<string, Scored[]>>();
  for (const [f, cl] of byFile) {
    const m = moduleOf(f);
    modules.set(m, new Map([...(modules.get(m) ?? []), [f, cl]]));
  }
  console.log('| module | mutants | sampled clusters | scored mutants | killed | score | 95% interval |');
  console.log('|---|---|---|---|---|---|---|');
  for (const m of [...modules.keys()].sort((a, b) => Number(a.startsWith('src')) - Number(b.startsWith('src')) || a.localeCompare(b))) {
    const files = modules.get(m)!;
    const all = [...files.values()].flat();
    const mutants = [...files.keys()].reduce((n, f) => n + plan.files[f]!.mutants, 0);
    const valid = all.reduce((n, c) => n + c.valid, 0);
    const killed = all.reduce((n, c) => n + c.detected, 0);
    console.log(`| \`${m}\` | ${mutants} | ${all.length} | ${valid} | ${killed} | ${pct(estimate(files))} | ${interval(files)} |`);
  }
  const entities = new Map([...byFile].filter(([f]) => f.startsWith('extractors/entities/')));
  const total = Object.entries(plan.files).filter(([f]) => f.startsWith('extractors/entities/')).reduce((n, [, v]) => n + v.mutants, 0);
  console.log(`\nextractors/entities/: ${pct(estimate(entities))} (95% ${interval(entities)}) of ${total} mutants, from ${[...entities.values()].flat().length} sampled clusters`);
}

const command = process.argv[2];
if (command === 'run') run();
else if (command === 'score') score();
else {
  console.error('usage: npm run mutation:sample -- run|score');
  process.exit(2);
}
