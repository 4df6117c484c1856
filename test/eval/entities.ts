/**
 * `npm run eval:entities`: the entity extractor on the two dev corpora of annotated threat reports
 * (AnnoCTR train+dev and APTNER train+dev, ../shared/datasets/entities-dev), at the mention level
 * and at the DOCUMENT level (each distinct thing per document once, as the record lists it: the
 * level the issue bars are read from), with the top false positives and misses of each type; then
 * the samples' expected records. The matching rules of each corpus are in annoctr.ts and aptner.ts.
 *
 * Samples are scored per ENTITY, as the expected records list entities: an expected entity is
 * found when a predicted one of the same type carries its name (name, fullName or an alias;
 * case-insensitive; countries by code, dates by value and text, CVEs by id).
 *
 * Flags: --errors N (error-list length, default 15; 0 hides them), --verbose (40, and the samples'
 * misses), --only annoctr|aptner|samples.
 */
import type { Entities } from '../../src/record/schema.js';
import { extractSample, listSamples, type Expected } from '../helpers/samples.js';
import { evalAnnoctr } from './annoctr.js';
import { evalAptner } from './aptner.js';
import { printTable, score, type Score } from './score.js';

const VERBOSE = process.argv.includes('--verbose');
const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const TOP = arg('--errors') !== undefined ? Number(arg('--errors')) : VERBOSE ? 40 : 15;
const ONLY = arg('--only');

// ---------- samples, entity level ----------

const low = (s: string | null | undefined) => (s ?? '').toLowerCase();

function namesOf(entities: Entities, type: keyof Entities): string[][] {
  const list = entities[type] as Array<Record<string, unknown>>;
  return list.map((e) => {
    switch (type) {
      case 'countries':
        return [low(e.code as string)];
      case 'sectors':
        return [low(e.name as string)];
      case 'cves':
        return [low(e.id as string)];
      case 'dates':
        return [`${low(e.text as string)}=${e.value as string}`];
      default:
        return [e.name, e.fullName, ...((e.aliases as string[] | undefined) ?? [])].filter(Boolean).map((x) => low(x as string));
    }
  });
}

function expectedNames(exp: Expected['entities'], type: keyof Expected['entities']): string[] {
  const list = exp[type] as unknown[];
  return list.map((e) => {
    if (typeof e === 'string') return low(e);
    const o = e as { name?: string; text?: string; value?: string };
    return type === 'dates' ? `${low(o.text)}=${o.value}` : low(o.name);
  });
}

function evalSamples(): void {
  const types: Array<keyof Expected['entities']> = ['agencies', 'aptGroups', 'companies', 'sectors', 'dates', 'countries', 'people', 'cves', 'malware'];
  const rows = Object.fromEntries(types.map((t) => [t, score()])) as Record<string, Score>;
  const problems: string[] = [];
  const samples = listSamples();
  for (const sample of samples) {
    const base = sample.name;
    const { record, expected } = extractSample(sample);
    for (const type of types) {
      const pred = namesOf(record.entities, type);
      const exp = expectedNames(expected.entities, type);
      const used = new Set<number>();
      for (const name of exp) {
        const i = pred.findIndex((names, k) => !used.has(k) && names.includes(name));
        if (i >= 0) {
          used.add(i);
          rows[type]!.tp++;
        } else {
          rows[type]!.fn++;
          problems.push(`${base} ${type} missing: ${name}`);
        }
      }
      pred.forEach((names, k) => {
        if (used.has(k)) return;
        rows[type]!.fp++;
        problems.push(`${base} ${type} extra: ${names[0]}`);
      });
    }
  }
  printTable(`Samples: ${samples.length} expected records, entity level`, rows);
  if (VERBOSE) for (const p of problems) console.log(`  ${p}`);
}

if (!ONLY || ONLY === 'annoctr') evalAnnoctr(TOP);
if (!ONLY || ONLY === 'aptner') evalAptner(TOP);
if (!ONLY || ONLY === 'samples') evalSamples();
