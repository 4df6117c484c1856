/**
 * `npm run mutation:effect -- [--survivors <json>] [--docs <n>] [--files <substr,...>] [--limit <n>] [--keep]`:
 * a measured "why" for every surviving mutant of test/eval/mutation-survivors.json: does the
 * mutation change what extractEntities returns on the dev documents?
 *
 * How: Stryker's own instrumenter puts every mutant of extractors/entities/ and src/fetch/guard.ts
 * into the code at once (mutant schemata: each mutant is switched on by a global at run time), the
 * code is transpiled into a temporary copy of dist/ and loaded once, in a worker thread. With no
 * mutant active it runs every dev document twice: the first pass warms the tables built on first
 * use, the second is the baseline (it must equal the first: the extractor is deterministic) and
 * records which document reaches which mutant. Then each survivor is switched on in turn and only
 * the documents that reach it are run again and compared with the baseline.
 *
 * Documents (as test/bench/entity-dump.ts): the extracted text of both article-extraction dev sets
 * (2019, modern) and APTNER + AnnoCTR train+dev, 714 in all; `--docs n` takes an even spread of n
 * of them (default 120; `--docs 0`: all).
 *
 * Effects (first that applies):
 * - not-run: the entity step never runs this code (src/fetch/guard.ts);
 * - static: module-level code, run at import (Stryker ignores these, listed for completeness);
 * - once-per-process: reached only while a table is built on first use, so switching the mutant
 *   on later changes nothing; it needs a fresh load and is not measured here;
 * - not-reached: no dev document reaches the code;
 * - throws / hangs: the extractor throws, or loops (hit limit or the watchdog) on K documents;
 * - records: the entity lists or relations (names, countries, aliases, roles, dates, ...) differ;
 * - mentions: only mention offsets or relation evidence differ;
 * - none: the records of every document that reaches the mutant are identical.
 * `partial` marks a mutant that is also reached while a table is first built: that part of its
 * effect is not measured.
 *
 * Writes test/eval/mutation-effect.json (keyed as mutation-survivors.json's survivors), and the
 * effect as the last column of mutation-survivors.json; `npm run mutation:survivors` keeps it while that
 * file is there (the JSON is not committed: the column holds what it says).
 */
import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import ts from 'typescript';
import { packageRoot } from '../../src/package.js';
import { normalizeRows, ROW_COLUMNS, type SurvivorRow, survivorKey } from './mutation-rows.js';

/** One document as the entity step sees it. */
export interface EffectDoc {
  set: string;
  id: string;
  text: string;
  referenceDate: string | null;
  ownUrls?: Array<string | null>;
}

/** A mutant as the instrumenter lists it, keyed as the Stryker report (1-based line and column). */
interface Mut {
  id: string;
  file: string;
  line: number;
  column: number;
  /** "line:column" of the mutated code's end, as the report writes it. */
  end: string;
  mutatorName: string;
  replacement: string;
}

export interface Effect {
  effect: 'not-run' | 'static' | 'once-per-process' | 'not-reached' | 'throws' | 'hangs' | 'records' | 'mentions' | 'none' | 'unmatched' | 'ambiguous';
  /** Documents that reach the mutant. */
  reached?: number;
  /** Documents whose output differs (records or mentions), throws or hangs. */
  changed?: number;
  example?: string;
  partial?: boolean;
  ms?: number;
}

const DEFAULT_DOCS = 120;
const MUTATE_GLOBS = ['extractors/entities', 'src/fetch/guard.ts'];

// ---------------------------------------------------------------- worker: load once, measure

type Result = { entities: Record<string, Array<Record<string, unknown>>>; relations: Array<Record<string, unknown>> };
interface StrykerNs {
  activeMutant?: string;
  currentTestId?: string;
  hitCount?: number;
  hitLimit?: number;
  noCoverage?: boolean;
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}

/** The record without offsets: what changes here is what a consumer reads. */
const stripped = (r: Result) =>
  JSON.stringify({
    entities: Object.fromEntries(Object.entries(r.entities).map(([k, list]) => [k, list.map(({ mentions: _m, ...rest }) => rest)])),
    relations: r.relations.map(({ evidence: _e, ...rest }) => rest),
  });

const docName = (d: EffectDoc) => (d.id.startsWith(`${d.set}:`) ? d.id : `${d.set}:${d.id}`);
const label = (e: Record<string, unknown>) => String(e.name ?? e.value ?? e.id ?? e.subject ?? JSON.stringify(e).slice(0, 40));

/** The first difference between two records, in words: `malware -Foo`, `aptGroups APT1: country "CN" -> null`. */
function firstDifference(a: Result, b: Result): string {
  const lists: Array<[string, Array<Record<string, unknown>>, Array<Record<string, unknown>>]> = [
    ...Object.keys(a.entities).map((k) => [k, a.entities[k]!, b.entities[k] ?? []] as [string, Array<Record<string, unknown>>, Array<Record<string, unknown>>]),
    ['relations', a.relations, b.relations],
  ];
  for (const withOffsets of [false, true]) {
    for (const [k, before, after] of lists) {
      const key = (e: Record<string, unknown>) => (k === 'relations' ? `${String(e.subject)} ${String(e.predicate)} ${String(e.object)}` : label(e));
      const show = (e: Record<string, unknown>) => {
        if (withOffsets) return JSON.stringify(e);
        const { mentions: _m, evidence: _e, ...rest } = e;
        return JSON.stringify(rest);
      };
      const afterByKey = new Map(after.map((e) => [key(e), e]));
      const beforeByKey = new Map(before.map((e) => [key(e), e]));
      for (const e of before) {
        const m = afterByKey.get(key(e));
        if (!m) return `${k} -${key(e)}`;
        if (show(m) !== show(e)) {
          for (const f of new Set([...Object.keys(e), ...Object.keys(m)])) {
            if (!withOffsets && (f === 'mentions' || f === 'evidence')) continue;
            const x = JSON.stringify(e[f]);
            const y = JSON.stringify(m[f]);
            if (x !== y) return `${k} ${key(e)}: ${f} ${(x ?? 'undefined').slice(0, 60)} -> ${(y ?? 'undefined').slice(0, 60)}`;
          }
        }
      }
      for (const e of after) if (!beforeByKey.has(key(e))) return `${k} +${key(e)}`;
      if (before.map(show).join() !== after.map(show).join()) return `${k}: order`;
    }
  }
  return 'differs';
}

async function workerMain(): Promise<void> {
  const { distDir, docs, todo, baseline: given } = workerData as { distDir: string; docs: EffectDoc[]; todo: Mut[]; baseline?: string[] };
  const g = globalThis as unknown as { __stryker__?: StrykerNs };
  const ns: StrykerNs = (g.__stryker__ ??= {});
  ns.mutantCoverage = { static: {}, perTest: {} };
  const post = (msg: unknown) => parentPort!.postMessage(msg);
  const { extractEntities } = (await import(pathToFileURL(join(distDir, 'extractors/entities/index.js')).href)) as {
    extractEntities: (text: string, o: { referenceDate?: string | null; ownUrls?: Array<string | null> }) => Result;
  };
  const run = (d: EffectDoc) => extractEntities(d.text, { referenceDate: d.referenceDate, ...(d.ownUrls ? { ownUrls: d.ownUrls } : {}) });
  const staticIds = new Set(Object.keys(ns.mutantCoverage.static));
  const t0 = Date.now();
  const warm: string[] = [];
  docs.forEach((d, i) => {
    ns.currentTestId = `w${i}`;
    warm.push(JSON.stringify(run(d)));
  });
  const tWarm = Date.now() - t0;
  const base: Result[] = [];
  const baseJson: string[] = [];
  const docMs: number[] = [];
  docs.forEach((d, i) => {
    ns.currentTestId = `d${i}`;
    const t = Date.now();
    const r = run(d);
    docMs.push(Date.now() - t);
    base.push(r);
    baseJson.push(JSON.stringify(r));
  });
  ns.currentTestId = undefined;
  ns.noCoverage = true;
  const unstable = baseJson.filter((j, i) => j !== warm[i] || (given && j !== given[i])).length;
  const perTest = ns.mutantCoverage.perTest;
  // mutant id -> documents reaching it in the baseline pass (with hit counts), and warm-pass hits.
  const reach = new Map<string, Array<[number, number]>>();
  const warmHits = new Map<string, Map<number, number>>();
  docs.forEach((_d, i) => {
    for (const [id, n] of Object.entries(perTest[`d${i}`] ?? {})) {
      let l = reach.get(id);
      if (!l) reach.set(id, (l = []));
      l.push([i, n]);
    }
    for (const [id, n] of Object.entries(perTest[`w${i}`] ?? {})) {
      let m = warmHits.get(id);
      if (!m) warmHits.set(id, (m = new Map()));
      m.set(i, n);
    }
  });
  post({ type: 'baseline', baseline: given ? undefined : baseJson, unstable, warmMs: tWarm, baseMs: Date.now() - t0 - tWarm, docMs });

  for (const m of todo) {
    const t = Date.now();
    const docsReaching = reach.get(m.id) ?? [];
    let effect: Effect;
    if (staticIds.has(m.id) && !docsReaching.length) effect = { effect: 'static' };
    else if (!docsReaching.length && warmHits.has(m.id)) effect = { effect: 'once-per-process' };
    else if (!docsReaching.length) effect = { effect: 'not-reached', reached: 0 };
    else {
      const budget = docsReaching.reduce((s, [i]) => s + docMs[i]!, 0) * 30 + 30_000;
      post({ type: 'start', id: m.id, budget });
      const partial = docsReaching.some(([i, n]) => (warmHits.get(m.id)?.get(i) ?? 0) > n) || staticIds.has(m.id);
      let records = 0;
      let mentions = 0;
      let throws = 0;
      let hangs = 0;
      let example: string | undefined;
      let firstChanged = -1;
      ns.activeMutant = m.id;
      for (const [i, n] of docsReaching) {
        ns.hitCount = 0;
        ns.hitLimit = 100 * n + 100_000;
        const d = docs[i]!;
        try {
          const r = run(d);
          const json = JSON.stringify(r);
          if (json === baseJson[i]) continue;
          const isRecord = stripped(r) !== stripped(base[i]!);
          if (isRecord) records++;
          else mentions++;
          // The example: the first document changed, or the first whose record (not only offsets) is.
          if (firstChanged < 0 || (isRecord && records === 1)) example = `${docName(d)}: ${firstDifference(base[i]!, r)}`;
          if (firstChanged < 0) firstChanged = i;
        } catch (e) {
          const hit = /Hit count limit/.test(String(e));
          if (hit) hangs++;
          else throws++;
          if (firstChanged < 0) {
            firstChanged = i;
            example = `${docName(d)}: ${hit ? 'loops (hit limit)' : `throws ${String(e).slice(0, 80)}`}`;
          }
        }
      }
      ns.activeMutant = undefined;
      ns.hitCount = undefined;
      const changed = records + mentions + throws + hangs;
      effect = {
        effect: hangs ? 'hangs' : throws ? 'throws' : records ? 'records' : mentions ? 'mentions' : 'none',
        reached: docsReaching.length,
        changed,
        ...(example ? { example } : {}),
        ...(partial ? { partial } : {}),
      };
      // A mutant that changed output may have left a cache behind: the document it changed must
      // come out as in the baseline again, else this worker is spoiled and a fresh one takes over.
      if (firstChanged >= 0) {
        let same = false;
        try {
          same = JSON.stringify(run(docs[firstChanged]!)) === baseJson[firstChanged];
        } catch {
          same = false;
        }
        if (!same) {
          post({ type: 'done', id: m.id, effect: { ...effect, ms: Date.now() - t } });
          post({ type: 'spoiled', id: m.id });
          return;
        }
      }
    }
    post({ type: 'done', id: m.id, effect: { ...effect, ms: Date.now() - t } });
  }
  // The baseline again after every mutant: any drift means a mutant left state behind.
  const drift = docs.filter((d, i) => JSON.stringify(run(d)) !== baseJson[i]).length;
  post({ type: 'end', drift });
}

// ---------------------------------------------------------------- main: instrument, match, drive

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const quietLogger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => true,
  isFatalEnabled: () => true,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (...a: unknown[]) => console.error(...a),
  fatal: (...a: unknown[]) => console.error(...a),
};

function sourceFiles(root: string): string[] {
  const out = execSync(`git ls-files ${MUTATE_GLOBS.join(' ')}`, { cwd: root }).toString().trim().split('\n');
  return out.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
}

/**
 * dist/ of the package with every mutate file replaced by its instrumented build, in a temporary
 * package root (package.json, extractors/data and node_modules linked), so that the data files and
 * dependencies resolve as from the real one.
 */
async function instrumentedCopy(root: string): Promise<{ dir: string; mutants: Mut[] }> {
  const { Instrumenter } = (await import('@stryker-mutator/instrumenter')) as unknown as {
    Instrumenter: new (logger: unknown) => { instrument(files: unknown[], options: unknown): Promise<{ files: Array<{ name: string; content: string }>; mutants: Array<{ id: string; fileName: string; mutatorName: string; replacement: string; location: { start: { line: number; column: number }; end: { line: number; column: number } }; status?: string }> }> };
  };
  const files = sourceFiles(root);
  const instrumenter = new Instrumenter(quietLogger);
  const result = await instrumenter.instrument(
    files.map((f) => ({ name: join(root, f), content: readFileSync(join(root, f), 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  );
  const dir = mkdtempSync(join(tmpdir(), 'newsint-effect-'));
  writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'package.json')));
  mkdirSync(join(dir, 'extractors'), { recursive: true });
  symlinkSync(join(root, 'extractors/data'), join(dir, 'extractors/data'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  for (const sub of ['src', 'extractors']) cpSync(join(root, 'dist', sub), join(dir, 'dist', sub), { recursive: true });
  for (const f of result.files) {
    const rel = relative(root, f.name);
    const js = ts.transpileModule(f.content, {
      fileName: rel,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: false, esModuleInterop: true },
    }).outputText;
    // Coverage is counted in the baseline pass only (it says which document reaches which mutant);
    // later it would only slow every run down.
    const patched = js.replace('var c = cov.static;', 'if (ns.noCoverage) return; var c = cov.static;');
    if (patched === js && js.includes('function stryCov_9fa48')) throw new Error(`${rel}: the instrumenter's coverage helper is not where expected`);
    writeFileSync(join(dir, 'dist', rel.replace(/\.ts$/, '.js')), patched);
  }
  const mutants = result.mutants
    .filter((m) => m.status !== 'Ignored')
    .map((m) => ({
      id: m.id,
      file: relative(root, m.fileName),
      line: m.location.start.line + 1,
      column: m.location.start.column + 1,
      end: `${m.location.end.line + 1}:${m.location.end.column + 1}`,
      mutatorName: m.mutatorName,
      replacement: m.replacement.replace(/\s+/g, ' '),
    }));
  return { dir, mutants };
}

/** The documents of entity-dump.ts, in its order. */
async function loadDocuments(): Promise<EffectDoc[]> {
  const { extractContent } = await import('../../extractors/content/index.js');
  const { loadDevSet } = await import('../content/dev-set.js');
  const { loadDocs } = await import('./annoctr.js');
  const docs: EffectDoc[] = [];
  for (const set of ['2019', 'modern'] as const) {
    for (const page of loadDevSet(set)) {
      try {
        const c = extractContent(page.html);
        docs.push({ set, id: page.id, text: c.text, referenceDate: c.publishedAt, ownUrls: [page.url || null] });
      } catch {
        // no article: extractArticle never reaches the entity step
      }
    }
  }
  for (const d of loadDocs('aptner-train-dev.jsonl')) docs.push({ set: 'aptner', id: d.id, text: d.text, referenceDate: null });
  for (const d of loadDocs('annoctr-train-dev.jsonl')) docs.push({ set: 'annoctr', id: d.id, text: d.text, referenceDate: d.publishedAt ? `${d.publishedAt}T12:00:00Z` : null });
  return docs;
}

/** n documents spread evenly over the list (so over the four sets, in proportion). */
const spread = <T>(list: T[], n: number): T[] => (n >= list.length ? list : Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]!));

/** Words for one effect, as printed and stored. */
export function effectText(e: Effect, n: number): string {
  const part = e.partial ? ' (also in first-use table code, not measured)' : '';
  switch (e.effect) {
    case 'records':
      return `changes the records of ${e.changed} of ${n} dev documents (${e.reached} reach it; e.g. ${e.example})${part}`;
    case 'mentions':
      return `changes only mention offsets in ${e.changed} of ${n} dev documents (e.g. ${e.example})${part}`;
    case 'throws':
    case 'hangs':
      return `${e.effect === 'throws' ? 'throws' : 'loops'} on dev documents (${e.changed} of ${n} changed or failed; e.g. ${e.example})`;
    case 'none':
      return `changes no record of the ${n} dev documents (${e.reached} reach it)${part}`;
    case 'not-reached':
      return `no dev document of ${n} reaches it`;
    case 'once-per-process':
      return 'in a table built on first use: needs a fresh load, not measured';
    case 'static':
      return 'module-level code run at import: not measured';
    case 'not-run':
      return 'not run by the entity step';
    case 'ambiguous':
      return 'several mutants share its start, mutator and replacement, and the row has no end to tell them apart: not measured';
    default:
      return 'not found among the instrumented mutants (source changed since the report?)';
  }
}

async function main(): Promise<void> {
  const root = packageRoot();
  const survivorsFile = resolve(root, arg('--survivors') ?? 'test/eval/mutation-survivors.json');
  const outFile = resolve(root, arg('--out') ?? 'test/eval/mutation-effect.json');
  const raw = JSON.parse(readFileSync(survivorsFile, 'utf8')) as { commit: string; survivors: unknown[][]; columns: string[] };
  const summary = { commit: raw.commit, survivors: normalizeRows(raw), columns: [...ROW_COLUMNS, ...(raw.columns.includes('effect') ? ['effect'] : [])] };
  const fileFilter = arg('--files')?.split(',');
  let rows = summary.survivors.filter((r) => !fileFilter || fileFilter.some((f) => r[0].includes(f)));
  const limit = Number(arg('--limit') ?? 0);
  if (limit) rows = rows.slice(0, limit);
  const head = execSync('git rev-parse HEAD', { cwd: root }).toString().trim();
  const changedFiles = new Set(
    execSync(`git diff --name-only ${summary.commit} -- ${MUTATE_GLOBS.join(' ')}`, { cwd: root })
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean),
  );

  const t0 = Date.now();
  const { dir, mutants } = await instrumentedCopy(root);
  const tInstrument = Date.now() - t0;
  const byKey = new Map<string, Mut[]>();
  for (const m of mutants) {
    const k = `${m.file}:${m.line}:${m.column} ${m.mutatorName}`;
    byKey.set(k, [...(byKey.get(k) ?? []), m]);
  }
  // The report keeps a replacement cut to 57 characters + '...': match on that prefix then.
  // Nested expressions that start at one place give mutants alike but for their end (see
  // mutation-rows.ts): a row without its end matches only where the rest leaves one mutant.
  const match = (r: SurvivorRow): Mut | 'ambiguous' | undefined => {
    const found = (byKey.get(`${r[0]}:${r[1]}:${r[2]} ${r[3]}`) ?? []).filter(
      (m) => (!r[6] || m.end === r[6]) && (m.replacement === r[4] || (r[4].endsWith('...') && r[4].length === 60 && m.replacement.startsWith(r[4].slice(0, 57)))),
    );
    return found.length > 1 ? 'ambiguous' : found[0];
  };
  const effects = new Map<string, Effect>();
  const todo: Array<{ key: string; m: Mut }> = [];
  for (const r of rows) {
    const key = survivorKey(r);
    const m = changedFiles.has(r[0]) ? undefined : match(r);
    if (m === 'ambiguous') effects.set(key, { effect: 'ambiguous' });
    else if (!m) effects.set(key, { effect: 'unmatched' });
    else if (!r[0].startsWith('extractors/entities/')) effects.set(key, { effect: 'not-run' });
    else todo.push({ key, m });
  }
  const allDocs = await loadDocuments();
  // 120 of the 714 by default: about 1.5 s per survivor on the loaded 2-core machine, where all
  // 714 would take about 10 times as long (see the timing this writes).
  const docs = spread(allDocs, Number(arg('--docs') ?? DEFAULT_DOCS) || allDocs.length);
  const setCounts = docs.reduce<Record<string, number>>((a, d) => ((a[d.set] = (a[d.set] ?? 0) + 1), a), {});
  console.error(`instrumented ${mutants.length} mutants in ${Math.round(tInstrument / 1000)} s; ${rows.length} survivors, ${todo.length} to measure, ${rows.length - todo.length} not (${changedFiles.size} files changed since ${summary.commit.slice(0, 7)}); ${docs.length} documents ${JSON.stringify(setCounts)}`);

  const keyById = new Map(todo.map((t) => [t.m.id, t.key]));
  let remaining = todo.map((t) => t.m);
  let baseline: string[] | undefined;
  let timing: { warmMs: number; baseMs: number; unstable: number; drift?: number } | undefined;
  const tMeasure = Date.now();
  let restarts = 0;
  while (remaining.length) {
    const outcome = await new Promise<'end' | 'restart'>((done) => {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { distDir: join(dir, 'dist'), docs, todo: remaining, baseline } });
      let timer: NodeJS.Timeout | undefined;
      let current: string | undefined;
      const finish = (how: 'end' | 'restart') => {
        clearTimeout(timer);
        void w.terminate();
        done(how);
      };
      w.on('message', (msg: { type: string; id?: string; effect?: Effect; budget?: number; baseline?: string[]; unstable?: number; warmMs?: number; baseMs?: number; drift?: number }) => {
        if (msg.type === 'baseline') {
          if (msg.baseline) baseline = msg.baseline;
          timing ??= { warmMs: msg.warmMs!, baseMs: msg.baseMs!, unstable: msg.unstable! };
          if (msg.unstable) console.error(`warning: ${msg.unstable} documents came out differently on a second run with no mutant`);
          console.error(`baseline: warm pass ${Math.round(msg.warmMs! / 1000)} s, baseline pass ${Math.round(msg.baseMs! / 1000)} s`);
        } else if (msg.type === 'start') {
          current = msg.id;
          clearTimeout(timer);
          timer = setTimeout(() => {
            effects.set(keyById.get(current!)!, { effect: 'hangs', example: `watchdog: over ${Math.round(msg.budget! / 1000)} s` });
            remaining = remaining.filter((m) => m.id !== current);
            finish('restart');
          }, msg.budget);
        } else if (msg.type === 'done') {
          clearTimeout(timer);
          effects.set(keyById.get(msg.id!)!, msg.effect!);
          remaining = remaining.filter((m) => m.id !== msg.id);
          const n = todo.length - remaining.length;
          if (n % 25 === 0) console.error(`${new Date().toISOString().slice(11, 19)} ${n}/${todo.length} measured`);
        } else if (msg.type === 'spoiled') {
          finish('restart');
        } else if (msg.type === 'end') {
          timing!.drift = msg.drift;
          finish('end');
        }
      });
      w.on('error', (e) => {
        console.error('worker failed:', e);
        if (current) {
          effects.set(keyById.get(current)!, { effect: 'throws', example: `worker: ${String(e).slice(0, 80)}` });
          remaining = remaining.filter((m) => m.id !== current);
        }
        finish('restart');
      });
    });
    if (outcome === 'restart') restarts++;
  }
  const measureMs = Date.now() - tMeasure;
  // --keep: leave the instrumented copy (with its mutant list) for trying test inputs against mutants.
  if (process.argv.includes('--keep')) {
    writeFileSync(join(dir, 'mutants.json'), JSON.stringify(mutants));
    console.error(`kept the instrumented copy in ${dir}`);
  } else rmSync(dir, { recursive: true, force: true });

  const n = docs.length;
  const counts: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const e = effects.get(survivorKey(r))!;
    const c = (counts[r[0]] ??= {});
    c[e.effect] = (c[e.effect] ?? 0) + 1;
  }
  const measured = todo.filter((t) => (effects.get(t.key)?.ms ?? 0) > 0);
  const out = {
    commit: head,
    survivorsOf: summary.commit,
    date: new Date().toISOString().slice(0, 10),
    command: `npm run mutation:effect${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    documents: { total: n, perSet: setCounts },
    timing: {
      instrumentS: Math.round(tInstrument / 1000),
      ...(timing ? { warmPassS: Math.round(timing.warmMs / 1000), baselinePassS: Math.round(timing.baseMs / 1000), unstableDocs: timing.unstable, driftAfter: timing.drift } : {}),
      measureS: Math.round(measureMs / 1000),
      perMeasuredSurvivorMs: measured.length ? Math.round(measured.reduce((s, t) => s + effects.get(t.key)!.ms!, 0) / measured.length) : null,
      workerRestarts: restarts,
    },
    counts,
    effects: Object.fromEntries(rows.map((r) => [survivorKey(r), { ...effects.get(survivorKey(r))!, text: effectText(effects.get(survivorKey(r))!, n) }])),
  };
  writeFileSync(outFile, `${JSON.stringify(out, null, 1)}\n`);
  // The effect as the survivors' last column, so the summary carries it without a second file.
  if (!summary.columns.includes('effect')) summary.columns.push('effect');
  const col = summary.columns.indexOf('effect');
  for (const r of summary.survivors) {
    const e = effects.get(survivorKey(r));
    if (e) r[col] = effectText(e, n);
  }
  const text = readFileSync(survivorsFile, 'utf8');
  writeFileSync(
    survivorsFile,
    `${text.slice(0, text.indexOf('"columns":'))}"columns":${JSON.stringify(summary.columns)},${JSON.stringify({ survivors: summary.survivors }).slice(1, -1).replace(/\],\[/g, '],\n[')}}\n`,
  );
  console.log('| file | records | throws/hangs | mentions only | none | not reached | first-use table | other |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [f, c] of Object.entries(counts).sort()) {
    const other = (c['static'] ?? 0) + (c['not-run'] ?? 0) + (c['unmatched'] ?? 0) + (c['ambiguous'] ?? 0);
    console.log(`| ${f} | ${c.records ?? 0} | ${(c.throws ?? 0) + (c.hangs ?? 0)} | ${c.mentions ?? 0} | ${c.none ?? 0} | ${c['not-reached'] ?? 0} | ${c['once-per-process'] ?? 0} | ${other} |`);
  }
  console.log(`${n} documents ${JSON.stringify(setCounts)}; timing ${JSON.stringify(out.timing)}`);
  console.log(`wrote ${outFile} and the effect column of ${survivorsFile}`);
}

if (isMainThread) await main();
else await workerMain();
