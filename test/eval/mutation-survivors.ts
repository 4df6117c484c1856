/**
 * `npm run mutation:survivors -- [--reports <dir>] [--commit <hash>] [--out <file>] [--carry <file> | --no-carry]`: merges the
 * Stryker JSON reports of `npm run mutation:full` (reports/mutation-full/<group>/mutation.json),
 * prints the score per file and overall, and writes test/eval/mutation-survivors.json: every
 * surviving or uncovered mutant with a reason class assigned by the rules below (first match wins).
 *
 * - equivalent (or another class given by hand): read and judged, listed in REVIEWED with the why;
 * - no-coverage: no test reaches the code;
 * - once-per-process: in a table built on first use (ONCE_PER_PROCESS), tested by one test only;
 * - data: a string literal, or the array, in a list of three or more literals (a word list or
 *   table; the words are checked by the golden and sample tests only as far as the samples use them);
 * - message: text of an error or log message;
 * - equivalent by rule: the '' that stands in for a missing token (`SET.has(key[j] ?? '')`), made
 *   another string that no list holds and no pattern matches;
 * - regex: a variant of a regular expression that no test tells apart (equivalent or not: unreviewed);
 * - unreviewed: the rest (logic no test distinguishes).
 *
 * With test/eval/mutation-effect.json of the same commit (`npm run mutation:effect`), each survivor
 * also carries its measured effect on the dev documents, and the counts per file are printed.
 *
 * Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker's own;
 * static mutants (module-level code, run once at import: Stryker's `ignoreStatic`) are reported as
 * ignored, not as killed.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/package.js';
import { normalizeRows, ROW_COLUMNS, type SurvivorRow, survivorKey } from './mutation-rows.js';

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

/**
 * Survivors read and judged by hand: `file:line:column mutator replacement` -> [class, why].
 * equivalent: no input the callers can pass changes what they get back.
 */
const REVIEWED: Record<string, [string, string]> = {
  'src/fetch/guard.ts:74:7 ConditionalExpression false': ['equivalent', 'all three patterns need an IPv6 prefix (::ffff:, 64:ff9b::, 2002:) that no IPv4 address has, and every caller passes a validated IP'],
  'src/fetch/guard.ts:76:30 Regex /^(?:::ffff:|64:ff9b::)(\\d+\\.\\d+\\.\\d+\\.\\d+)/': ['equivalent', 'in a valid IPv6 address a dotted quad can only come last'],
  'src/fetch/guard.ts:80:33 Regex /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::)/': ['equivalent', '"2002:x:y" with nothing after is not a valid IPv6 address, so the end-of-input branch never decides'],
  'src/fetch/guard.ts:87:21 Regex /^\\[|\\]/g': ['equivalent', 'a bracket can only close an address that isIP accepts'],
  'src/fetch/guard.ts:87:21 Regex /\\[|\\]$/g': ['equivalent', 'a bracket can only open an address that isIP accepts'],
  'src/fetch/guard.ts:87:45 Regex /%.*/': ['equivalent', '.* runs to the end of the address anyway (no newlines in an address)'],
  'src/fetch/guard.ts:87:45 Regex /%.$/': ['equivalent', "node's isIP and BlockList accept a zone id themselves (fe80::1%eth0 is link-local either way); only the message's address text keeps the zone"],
  'src/fetch/guard.ts:103:7 ConditionalExpression false': ['equivalent', "BlockList matches an IPv4 rule against an IPv4-mapped address (checked), and the other embedded forms are classified by their IPv4 part first"],
  'src/fetch/guard.ts:127:18 StringLiteral "Stryker was here!"': ['equivalent', "split('/') always returns at least one element: the default is never used"],
  'src/fetch/guard.ts:132:49 ConditionalExpression false': ['equivalent', 'prefix < 0: a prefix must match ^\\d+$, so it is never negative'],
  'src/fetch/guard.ts:155:7 ConditionalExpression false': ['equivalent', 'with no class, the function returns cls (null) either way'],
  'extractors/entities/indicators/checks.ts:67:7 Regex /^2001:0?db8(?::)/i': ['equivalent', '"2001:db8" with nothing after is no valid IPv6 address, and checkIpv6 passes only addresses isIPv6 accepts'],
  "extractors/entities/indicators/checks.ts:68:7 LogicalOperator ip === '::1' && ip === '::'": ['equivalent', "the first group of '::1' and '::' is '', which `first === ''` already classes private"],
  'extractors/entities/indicators/checks.ts:68:14 StringLiteral ""': ['equivalent', "'::1' still has first group '' (private either way), and '' is no address isIPv6 accepts"],
  'extractors/entities/indicators/checks.ts:68:23 ConditionalExpression false': ['equivalent', "'::' has first group '', which `first === ''` already classes private"],
  'extractors/entities/indicators/checks.ts:68:30 StringLiteral ""': ['equivalent', "'::' still has first group '' (private either way), and '' is no address isIPv6 accepts"],
  'extractors/entities/indicators/checks.ts:111:32 ObjectLiteral {}': ['equivalent', "tldts's allowPrivateDomains is false by default"],
  'extractors/entities/indicators/checks.ts:142:7 Regex /^(.)\\1$/': ['equivalent', 'a run of one repeated character has fewer than 6 distinct characters, which the next check rejects anyway'],
  'extractors/entities/indicators/checks.ts:142:39 MethodExpression hex.toUpperCase()': ['equivalent', 'upper or lower case, hex has as many distinct characters'],
  'extractors/entities/date-rules.ts:67:20 StringLiteral "Stryker was here!"': ['equivalent', "the word after is lower-cased and looked up in NOT_YEAR_AFTER (its only use), which holds neither '' nor this"],
  'extractors/entities/date-rules.ts:80:7 ConditionalExpression true': ['equivalent', "with no word before, '' is in neither list and does not start with a capital: nothing returns"],
  'extractors/entities/date-rules.ts:91:40 Regex /s/': ['equivalent', "each unit word of DURATION has one 's' at most, and it is the plural ending"],
  'extractors/entities/date-rules.ts:146:42 MethodExpression Math.min(0, m.index - 1)': ['equivalent', 'the pattern is one character class anchored at the end: it reads only the last character, whatever the slice starts at'],
  'extractors/entities/date-rules.ts:148:19 Regex /\\d+$/': ['equivalent', "DURATION's count is all digits (\\d{1,3}) or a number word, so one anchor decides as well as two"],
  'extractors/entities/date-rules.ts:148:19 Regex /^\\d+/': ['equivalent', "DURATION's count is all digits (\\d{1,3}) or a number word, so one anchor decides as well as two"],
  'extractors/entities/spans.ts:22:16 ArithmeticOperator starts.length + 1': ['equivalent', 'the extra probe reads starts[length], undefined, and `undefined < end` is false: it only lowers hi again'],
  'extractors/entities/apt-groups.ts:378:18 ConditionalExpression true': ['equivalent', 'g.groups[null] is undefined, and every later use reads undefined as it reads null (data ? ... , data?.x)'],
};

/**
 * Tables built on first use and kept for the process (lines as on the measured commit): the test
 * worker runs every test file in one process, so the dry run credits this code to the one test that
 * first reaches it, and a mutant here is run against that test only.
 */
const ONCE_PER_PROCESS: Record<string, Array<[number, number]>> = {
  'extractors/entities/people.ts': [[39, 61]], // roleTables()
  'extractors/entities/gazetteer.ts': [[80, 133]], // ruleFor(), loadGazetteers() through gazetteers()
};

const root = packageRoot();
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const reportsDir = resolve(root, arg('--reports', 'reports/mutation-full'));
const commit = arg('--commit', execSync('git rev-parse HEAD', { cwd: root }).toString().trim());
const out = resolve(root, arg('--out', 'test/eval/mutation-survivors.json'));

const STRING = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\$]|\\.)*`/g;

/** A literal that is one element of a list of three or more literals on its line. */
function inLiteralList(line: string, col: number): boolean {
  const literals = [...line.matchAll(STRING)];
  if (literals.length < 3) return false;
  const hit = literals.find((m) => m.index <= col && col < m.index + m[0].length);
  if (!hit) return false;
  const before = line.slice(0, hit.index).trimEnd();
  const after = line.slice(hit.index + hit[0].length).trimStart();
  return /[[,]$/.test(before) && /^[\],]/.test(after);
}

function classify(m: Mutant, file: string, lines: string[]): string {
  const { line, column } = m.location.start;
  const reviewed = REVIEWED[`${file}:${line}:${column} ${m.mutatorName} ${m.replacement ?? ''}`];
  if (reviewed) return reviewed[0];
  if (m.status === 'NoCoverage') return 'no-coverage';
  if ((ONCE_PER_PROCESS[file] ?? []).some(([from, to]) => line >= from && line <= to)) return 'once-per-process';
  const text = lines[line - 1] ?? '';
  if (m.mutatorName === 'StringLiteral' && inLiteralList(text, column - 1)) return 'data';
  if (m.mutatorName === 'ArrayDeclaration') {
    const next = lines.slice(line - 1, m.location.end.line).join('\n');
    const inner = next.slice(column - 1);
    if ((inner.match(STRING) ?? []).length >= 3 && /^\[\s*(?:(?:'[^']*'|"[^"]*")\s*,?\s*)+\]/.test(inner)) return 'data';
  }
  if (m.mutatorName === 'StringLiteral' && /\b(?:throw new \w*Error|console\.\w+|log\.\w+)\(/.test(text)) return 'message';
  // `SET.has(tokens.key[j] ?? '')`: the stand-in for a token past the end, looked up in a word list
  // or tested by a pattern; '' and "Stryker was here!" are in no list and match no pattern used so.
  const original = text.slice(column - 1, m.location.end.line === line ? m.location.end.column - 1 : undefined);
  if (m.mutatorName === 'StringLiteral' && original === "''" && /\?\?\s*$/.test(text.slice(0, column - 1)) && /\.(?:has|test|includes)\([^()]*$/.test(text.slice(0, column - 1))) {
    return 'equivalent';
  }
  if (m.mutatorName === 'Regex') return 'regex';
  return 'unreviewed';
}

interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
}
const empty = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 });
const score = (t: Tally) => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid ? Math.round((1000 * (t.killed + t.timeout)) / valid) / 10 : null;
};

/**
 * Re-runs of chosen mutants after new tests (reports under --overlay, default
 * reports/mutation-confirm/<name>/mutation.json): their status replaces the full run's for the same
 * mutant (file, position, mutator, replacement), so the summary is the state after those tests.
 */
const overlayDir = resolve(root, arg('--overlay', 'reports/mutation-confirm'));
const keyOf = (file: string, m: Mutant) => `${file}:${m.location.start.line}:${m.location.start.column}:${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ''}`;
const overlay = new Map<string, string>();
for (const g of existsSync(overlayDir) ? readdirSync(overlayDir).sort() : []) {
  const file = join(overlayDir, g, 'mutation.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  for (const [f, { mutants }] of Object.entries(report.files)) for (const m of mutants) if (m.status !== 'Ignored') overlay.set(keyOf(f, m), m.status);
}
/** Timed-out mutants of the full run that a re-run gave another status, per file and status. */
const timeoutsRetested: Record<string, Record<string, number>> = {};
/** Survivors of the full run that a re-run after new tests killed, per file. */
const killedByNewTests = new Map<string, number>();

const perFile = new Map<string, Tally>();
/** The summary written last time, for --carry (see below). */
interface Summary {
  commit: string;
  files: Record<string, Tally & { commit?: string }>;
  columns?: string[];
  survivors: unknown[][];
}
const carryFile = resolve(root, arg('--carry', 'test/eval/mutation-survivors.json'));
const previous = process.argv.includes('--no-carry') || !existsSync(carryFile) ? undefined : (JSON.parse(readFileSync(carryFile, 'utf8')) as Summary);
const survivors: SurvivorRow[] = [];
const groups = existsSync(reportsDir) ? readdirSync(reportsDir).filter((g) => existsSync(join(reportsDir, g, 'mutation.json'))).sort() : [];
if (!groups.length) {
  // Nothing to merge: leave the committed summary as it is rather than overwrite it with zeros.
  console.error(`no reports under ${reportsDir}: run npm run mutation:full first (or pass --reports <dir>)`);
  process.exit(1);
}
for (const g of groups) {
  const report = JSON.parse(readFileSync(join(reportsDir, g, 'mutation.json'), 'utf8')) as Report;
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const t = perFile.get(file) ?? empty();
    perFile.set(file, t);
    const lines = source.split('\n');
    for (const m of mutants) {
      const again = overlay.get(keyOf(file, m));
      if (again && (m.status === 'Survived' || m.status === 'NoCoverage') && (again === 'Killed' || again === 'Timeout')) {
        killedByNewTests.set(file, (killedByNewTests.get(file) ?? 0) + 1);
        m.status = again;
      } else if (again && m.status === 'Timeout' && again !== 'Timeout') {
        // A timeout run again on a quiet machine (mutation:full --retest-timeouts): its status now.
        const r = (timeoutsRetested[file] ??= {});
        r[again] = (r[again] ?? 0) + 1;
        m.status = again;
      }
      if (m.status === 'Killed') t.killed++;
      else if (m.status === 'Timeout') t.timeout++;
      else if (m.status === 'Survived') t.survived++;
      else if (m.status === 'NoCoverage') t.noCoverage++;
      else if (m.status === 'Ignored') t.ignored++;
      else t.errors++; // CompileError, RuntimeError: not valid mutants, as in Stryker's score
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const r = (m.replacement ?? '').replace(/\s+/g, ' ');
        const end = `${m.location.end.line}:${m.location.end.column}`;
        survivors.push([file, m.location.start.line, m.location.start.column, m.mutatorName, r.length > 60 ? `${r.slice(0, 57)}...` : r, classify(m, file, lines), end]);
      }
    }
  }
}

/**
 * Files these reports do not hold keep the result of an earlier run (the summary given by --carry,
 * by default the committed one, read before it is overwritten) when their source is the same at
 * this commit as at the commit that run measured: a full run takes hours, so it is done a group at
 * a time, and each file says which commit it was measured on. A file changed since is dropped and
 * listed as stale (run its group again).
 */
const carried = new Map<string, string>();
const stale: string[] = [];
if (previous) {
  const sameSource = (file: string, at: string) => spawnSync('git', ['diff', '--quiet', at, commit, '--', file], { cwd: root }).status === 0;
  // A carried row keys a re-run's status as survivorKey does: with the end of the mutated code where
  // the row has it; a row written before ends were kept matches on its start only, and only where
  // the re-run mutants that share that start agree (nested expressions share starts).
  const overlayByRow = new Map<string, string>();
  for (const [k, status] of overlay) {
    const m = /^(.*?):(\d+):(\d+):(\d+):(\d+) (\S+) ?(.*)$/s.exec(k);
    if (!m) continue;
    const r = m[7]!.replace(/\s+/g, ' ');
    const row = { 0: m[1]!, 1: Number(m[2]), 2: Number(m[3]), 3: m[6]!, 4: r.length > 60 ? `${r.slice(0, 57)}...` : r };
    overlayByRow.set(survivorKey({ ...row, 6: `${m[4]}:${m[5]}` }), status);
    const startOnly = survivorKey(row);
    const seen = overlayByRow.get(startOnly);
    overlayByRow.set(startOnly, seen === undefined || seen === status ? status : 'ambiguous');
  }
  for (const [file, t] of Object.entries(previous.files)) {
    if (perFile.has(file)) continue;
    const at = t.commit ?? previous.commit;
    if (!sameSource(file, at)) {
      stale.push(file);
      continue;
    }
    const tally: Tally = { killed: t.killed, timeout: t.timeout, survived: t.survived, noCoverage: t.noCoverage, ignored: t.ignored, errors: t.errors };
    perFile.set(file, tally);
    carried.set(file, at);
    for (const row of normalizeRows(previous).filter((r) => r[0] === file)) {
      const [, line, column, mutator, replacement] = row;
      const wasNoCoverage = row[5] === 'no-coverage';
      const again = overlayByRow.get(survivorKey(row));
      if (again === 'Killed' || again === 'Timeout') {
        if (wasNoCoverage) tally.noCoverage--;
        else tally.survived--;
        if (again === 'Killed') tally.killed++;
        else tally.timeout++;
        killedByNewTests.set(file, (killedByNewTests.get(file) ?? 0) + 1);
        continue;
      }
      const reviewed = REVIEWED[`${file}:${line}:${column} ${mutator} ${replacement}`];
      survivors.push([file, line, column, mutator, replacement, reviewed?.[0] ?? row[5], row[6]]);
    }
  }
}
survivors.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);

/**
 * The measured effect of each survivor on the dev documents (`npm run mutation:effect`, same
 * commit): kept as the last column, and counted per file below.
 */
const effectFile = resolve(root, arg('--effect', 'test/eval/mutation-effect.json'));
const effects = existsSync(effectFile) ? (JSON.parse(readFileSync(effectFile, 'utf8')) as { survivorsOf: string; effects: Record<string, { effect: string; text: string }> }) : undefined;
const effectOf = (s: SurvivorRow) => (effects?.survivorsOf === commit ? effects.effects[survivorKey(s)] : undefined);

const sum = (files: string[]) =>
  files.reduce((acc, f) => {
    const t = perFile.get(f)!;
    for (const k of Object.keys(acc) as Array<keyof Tally>) acc[k] += t[k];
    return acc;
  }, empty());
const entityFiles = [...perFile.keys()].filter((f) => f.startsWith('extractors/entities/')).sort();
const entities = sum(entityFiles);
const all = sum([...perFile.keys()]);
const byReason: Record<string, number> = {};
const entityByReason: Record<string, number> = {};
for (const s of survivors) {
  byReason[s[5]] = (byReason[s[5]] ?? 0) + 1;
  if (s[0].startsWith('extractors/entities/')) entityByReason[s[5]] = (entityByReason[s[5]] ?? 0) + 1;
}

console.log('| file | killed | timeout | survived | no coverage | ignored (static) | score |');
console.log('|---|---|---|---|---|---|---|');
const row = (name: string, t: Tally) =>
  console.log(`| ${name} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.ignored} | ${score(t) ?? '-'}% |`);
for (const f of [...perFile.keys()].sort()) row(`\`${f}\``, perFile.get(f)!);
row('**extractors/entities/**', entities);
row('**all**', all);
console.log('\nsurvivors (incl. no coverage) by reason:', byReason);
console.log('of them in extractors/entities/:', entityByReason);
console.log(`reports: ${groups.length} groups (${groups.join(', ')})`);
if (carried.size) console.log(`carried from an earlier run (source unchanged since): ${[...carried].map(([f, at]) => `${f} @ ${at.slice(0, 7)}`).join(', ')}`);
if (stale.length) console.log(`dropped, changed since their earlier run (run their groups again): ${stale.join(', ')}`);
const mutated = execSync(`git ls-tree -r --name-only ${commit} extractors/entities src/fetch/guard.ts`, { cwd: root }).toString().split('\n').filter((f) => f.endsWith('.ts'));
// A file Stryker made no mutant of (type declarations or re-exports only) is in no report: it counts as run
// when a group that ran lists it (reports/mutation-full/<group>.stryker.json).
const listedByRunGroups = new Set(
  groups.flatMap((g) => {
    const config = join(reportsDir, `${g}.stryker.json`);
    return existsSync(config) ? ((JSON.parse(readFileSync(config, 'utf8')) as { mutate?: string[] }).mutate ?? []) : [];
  }),
);
const noMutants = mutated.filter((f) => !perFile.has(f) && listedByRunGroups.has(f));
if (noMutants.length) console.log(`run, no mutants made (type declarations or re-exports only): ${noMutants.join(', ')}`);
const notRun = mutated.filter((f) => !perFile.has(f) && !stale.includes(f) && !noMutants.includes(f));
if (notRun.length) console.log(`not measured yet (${notRun.length} of ${mutated.length} files; the score above leaves them out): ${notRun.join(', ')}`);
console.log('survivors of the full run killed by the re-runs after new tests:', Object.fromEntries(killedByNewTests));
console.log('timed-out mutants run again, their status now:', timeoutsRetested);
const measured = survivors.filter((s) => effectOf(s));
if (measured.length) {
  console.log(`\nmeasured effect on the dev documents (npm run mutation:effect, ${measured.length} of ${survivors.length} survivors):`);
  console.log('| file | changes records | throws or loops | mention offsets only | no effect on dev records | not reached | first-use table / static | not measured |');
  console.log('|---|---|---|---|---|---|---|---|');
  const byFile = new Map<string, Record<string, number>>();
  for (const s of survivors) {
    const c = byFile.get(s[0]) ?? {};
    byFile.set(s[0], c);
    const e = effectOf(s)?.effect ?? 'unmeasured';
    c[e] = (c[e] ?? 0) + 1;
  }
  for (const [f, c] of [...byFile].sort()) {
    const n = (...k: string[]) => k.reduce((a, x) => a + (c[x] ?? 0), 0);
    console.log(`| \`${f}\` | ${n('records')} | ${n('throws', 'hangs')} | ${n('mentions')} | ${n('none')} | ${n('not-reached')} | ${n('once-per-process', 'static')} | ${n('unmeasured', 'unmatched', 'not-run')} |`);
  }
}

writeFileSync(
  out,
  JSON.stringify({
    commit,
    date: new Date().toISOString().slice(0, 10),
    command: 'npm run mutation:full, then npm run mutation:survivors',
    groups,
    score: { all: score(all), entities: score(entities) },
    totals: { all, entities },
    files: Object.fromEntries([...perFile].sort().map(([f, t]) => [f, { ...t, score: score(t), commit: carried.get(f) ?? commit }])),
    stale,
    noMutants,
    notRun,
    byReason,
    killedByNewTests: Object.fromEntries(killedByNewTests),
    timeoutsRetested,
    reviewed: REVIEWED,
    columns: [...ROW_COLUMNS, ...(measured.length ? ['effect'] : [])],
    survivors: measured.length ? survivors.map((s) => [...s, effectOf(s)?.text ?? 'not measured']) : survivors,
  })
    .replace(/\],\[/g, '],\n[')
    .concat('\n'),
);
console.log(`wrote ${out}`);
