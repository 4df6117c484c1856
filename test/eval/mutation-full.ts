/**
 * `npm run mutation:full -- [group ...]`: every mutant of extractors/entities/ and src/fetch/guard.ts,
 * as one Stryker run per group of files (largest first), each with its own JSON report in
 * reports/mutation-full/<group>/mutation.json, so that a run stopped part way keeps the groups it
 * finished; a group whose report exists is skipped (delete it to run it again). Not in CI.
 * `npm run mutation:survivors` merges the reports and lists every survivor. `-- --confirm` and
 * `-- --retest-timeouts` run chosen mutants again (below).
 *
 * Settings on top of test/stryker.config.json: timeoutMS 6000 instead of 20000 (a mutant's limit is
 * 2 x the net time of its tests + 6 s + the dry run's overhead, about 2 to 3 times a normal mutant
 * run on the loaded 2-core machine; a timed-out mutant cost 20 s and more before), and each group
 * has its own incremental file, so re-running a group after new tests re-tests only what they reach.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package.js';

const E = 'extractors/entities';
/** Largest first, so that a run cut short has covered the most code. */
export const GROUPS: Record<string, string[]> = {
  '01-guard': ['src/fetch/guard.ts'],
  '02-apt-groups': [`${E}/apt-groups.ts`],
  '03-people': [`${E}/people.ts`],
  '04-malware': [`${E}/malware.ts`],
  '05-matcher': [`${E}/matcher.ts`],
  '06-companies': [`${E}/companies.ts`],
  '07-indicators-checks': [`${E}/indicators/checks.ts`],
  '08-dates': [`${E}/dates.ts`],
  '09-date-rules': [`${E}/date-rules.ts`],
  '10-sectors': [`${E}/sectors.ts`],
  '11-company-cues': [`${E}/company-cues.ts`],
  '12-relations': [`${E}/relations.ts`],
  '13-indicators-index': [`${E}/indicators/index.ts`],
  '14-named': [`${E}/named.ts`],
  '15-sentences': [`${E}/sentences.ts`],
  '16-agencies': [`${E}/agencies.ts`],
  '17-apt-attribution': [`${E}/apt-attribution.ts`],
  '18-ransomware-actors': [`${E}/ransomware-actors.ts`],
  '19-countries': [`${E}/countries.ts`],
  '20-attack': [`${E}/attack/*.ts`],
  '21-indicators-rest': [`${E}/indicators/windows.ts`, `${E}/indicators/patterns.ts`, `${E}/indicators/bitcoin.ts`],
  '22-small': [
    `${E}/index.ts`,
    `${E}/relations-attack.ts`,
    `${E}/detection-names.ts`,
    `${E}/mentions.ts`,
    `${E}/gazetteer.ts`,
    `${E}/spans.ts`,
    `${E}/cves.ts`,
    `${E}/date-types.ts`,
    `${E}/load-data.ts`,
  ],
  '23-lists': [`${E}/company-short-names.ts`, `${E}/malware-lists.ts`],
};

function baseConfig(root: string): Record<string, unknown> {
  const base = JSON.parse(readFileSync(join(root, 'test/stryker.config.json'), 'utf8')) as Record<string, unknown>;
  delete base.$schema;
  delete base._comment;
  return { ...base, timeoutMS: 6000 };
}

/**
 * `-- --confirm <name> <file:from-to> ...`: re-run the mutants of those lines (after new tests),
 * one test process, report in reports/mutation-confirm/<name>/mutation.json; mutation:survivors
 * lays these statuses over the full run's.
 */
function confirm(root: string, name: string, mutate: string[]): void {
  const report = `reports/mutation-confirm/${name}/mutation.json`;
  const config = { ...baseConfig(root), mutate, concurrency: 1, incremental: false, reporters: ['clear-text', 'json'], jsonReporter: { fileName: report } };
  mkdirSync(join(root, 'reports/mutation-confirm'), { recursive: true });
  const file = join(root, `reports/mutation-confirm/${name}.stryker.json`);
  writeFileSync(file, JSON.stringify(config, null, 1));
  const done = spawnSync('npx', ['stryker', 'run', file], { cwd: root, stdio: 'inherit' });
  if (done.status !== 0) process.exitCode = 1;
}

/**
 * `-- --retest-timeouts <group>`: the mutants that timed out in that group's full run, run again
 * (as --confirm does, into reports/mutation-confirm/<group>-timeouts/). A timeout counts as
 * detected, and a test runner starved of CPU by other work times out on mutants that a test would
 * let live or kill in time: run this on a quiet machine, and mutation:survivors takes its statuses.
 */
function retestTimeouts(root: string, group: string): void {
  const report = JSON.parse(readFileSync(join(root, `reports/mutation-full/${group}/mutation.json`), 'utf8')) as {
    files: Record<string, { mutants: Array<{ status: string; location: { start: { line: number; column: number }; end: { line: number; column: number } } }> }>;
  };
  // Stryker's mutate ranges take 1-based lines and 0-based columns; the report's columns are 1-based.
  const ranges = Object.entries(report.files).flatMap(([file, { mutants }]) =>
    mutants.filter((m) => m.status === 'Timeout').map(({ location: { start, end } }) => `${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`),
  );
  console.log(`${group}: ${ranges.length} timed-out mutants to run again`);
  if (ranges.length) confirm(root, `${group}-timeouts`, ranges);
}

function main(): void {
  const root = packageRoot();
  if (process.argv[2] === '--confirm') return confirm(root, process.argv[3]!, process.argv.slice(4));
  if (process.argv[2] === '--retest-timeouts') return retestTimeouts(root, process.argv[3]!);
  const base = baseConfig(root);
  const outDir = join(root, 'reports/mutation-full');
  mkdirSync(outDir, { recursive: true });
  const wanted = process.argv.slice(2);
  for (const [name, mutate] of Object.entries(GROUPS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    const report = `reports/mutation-full/${name}/mutation.json`;
    if (existsSync(join(root, report))) {
      console.log(`${name}: report exists, skipped`);
      continue;
    }
    const config = {
      ...base,
      mutate,
      incrementalFile: `reports/mutation-full/${name}.incremental.json`,
      reporters: ['progress', 'json'],
      jsonReporter: { fileName: report },
    };
    const file = join(outDir, `${name}.stryker.json`);
    writeFileSync(file, JSON.stringify(config, null, 1));
    const t0 = Date.now();
    console.log(`${new Date().toISOString()} ${name}: ${mutate.join(' ')}`);
    const done = spawnSync('npx', ['stryker', 'run', file], { cwd: root, stdio: 'inherit' });
    console.log(`${new Date().toISOString()} ${name}: exit ${done.status} after ${Math.round((Date.now() - t0) / 1000)} s`);
    if (done.status !== 0) process.exitCode = 1;
  }
}

main();
