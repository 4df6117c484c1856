/**
 * chrono-node against compromise-dates on the samples' date expressions: which expressions each
 * finds, which it resolves to the expected value, and the time per article. Also shows what our
 * date stage (chrono + past-leaning post-processing + rules) makes of the same expressions.
 * Run: npx tsc -p tsconfig.json && node dist/test/eval/dates-compare.js
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';
import { findDates } from '../../extractors/entities/dates.js';
import { isoWeek } from '../../extractors/entities/date-rules.js';
import { extractArticle } from '../../src/extract-article.js';
import { decodeHtml } from '../../src/fetch/charset.js';

nlp.plugin(datesPlugin);

/** samples/ from the source tree or from dist/. */
const SAMPLES_DIR = ['../../samples/', '../../../samples/']
  .map((p) => fileURLToPath(new URL(p, import.meta.url)))
  .find((p) => existsSync(p + 'expected'))!;

interface Found {
  start: number;
  end: number;
  /** The parser's reading, cut to the precision of the expected value. */
  value: (expected: string) => string;
}
type Parser = (text: string, ref: Date) => Found[];

const pad = (n: number) => String(n).padStart(2, '0');
/** Cut a calendar day to the precision an expected value asks for. */
function cut(y: number, m: number, d: number, expected: string): string {
  if (/^\d{4}-W\d\d$/.test(expected)) return isoWeek(y, m, d);
  if (/^\d{4}-Q\d$/.test(expected)) return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  if (/^\d{4}-\d\d-\d\d$/.test(expected)) return `${y}-${pad(m)}-${pad(d)}`;
  if (/^\d{4}-\d\d$/.test(expected)) return `${y}-${pad(m)}`;
  if (/^\d{4}$/.test(expected)) return String(y);
  if (/^\d{3}$/.test(expected)) return String(y).slice(0, 3);
  return `${y}-${pad(m)}-${pad(d)}`;
}

const chronoRaw: Parser = (text, ref) =>
  chrono.casual.parse(text, { instant: ref, timezone: 'UTC' }, { forwardDate: false }).map((r) => ({
    start: r.index,
    end: r.index + r.text.length,
    value: (x) => cut(r.start.get('year')!, r.start.get('month')!, r.start.get('day')!, x),
  }));

const UNIT: Record<string, string> = { year: 'Y', month: 'M', week: 'W', day: 'D' };
const compromiseDates: Parser = (text, ref) => {
  // compromise-dates adds .dates() and .durations() to documents; its types do not reach nlp()'s.
  const doc = nlp(text) as unknown as {
    dates(o: object): { json(o: object): unknown[] };
    durations(): { json(o: object): unknown[] };
  };
  const today = ref.toISOString().slice(0, 10);
  const out: Found[] = [];
  type DateJson = { offset: { start: number; length: number }; dates?: { start?: string } };
  for (const d of doc.dates({ today, timezone: 'UTC' }).json({ offset: true }) as DateJson[]) {
    const s = d.dates?.start;
    if (!s) continue;
    const [y, m, day] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    out.push({ start: d.offset.start, end: d.offset.start + d.offset.length, value: (x) => cut(y, m, day, x) });
  }
  type DurJson = { offset: { start: number; length: number }; duration: Record<string, number> };
  for (const d of doc.durations().json({ offset: true }) as DurJson[]) {
    const [unit, n] = Object.entries(d.duration)[0] ?? [];
    const iso = unit === 'minute' ? `PT${n}M` : unit === 'hour' ? `PT${n}H` : `P${n}${UNIT[unit ?? ''] ?? '?'}`;
    out.push({ start: d.offset.start, end: d.offset.start + d.offset.length, value: () => iso });
  }
  return out;
};

const ours: Parser = (text, ref) =>
  findDates(text, { referenceDate: ref.toISOString() }).flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, value: () => e.value })));

const parsers: Record<string, Parser> = { 'chrono-node': chronoRaw, 'compromise-dates': compromiseDates, 'newsint dates': ours };

interface Expected {
  input: { url: string; fetchedAt: string };
  entities: { dates: Array<{ text: string; value: string }> };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const totals = Object.fromEntries(Object.keys(parsers).map((k) => [k, { found: 0, right: 0, extra: 0, ms: [] as number[] }]));
let expressions = 0;

for (const file of readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.html')).sort()) {
  const expected = JSON.parse(readFileSync(`${SAMPLES_DIR}expected/${file.replace(/\.html$/, '.json')}`, 'utf8')) as Expected;
  const record = extractArticle(decodeHtml(readFileSync(SAMPLES_DIR + file)), expected.input);
  const ref = new Date(record.publishedAt ?? expected.input.fetchedAt);
  console.log(`\n${file} (reference ${ref.toISOString().slice(0, 10)})`);
  const results: Record<string, Found[]> = {};
  for (const [name, parse] of Object.entries(parsers)) {
    parse(record.text, ref); // warm-up, so the timing is the steady state
    const t0 = performance.now();
    results[name] = parse(record.text, ref);
    totals[name]!.ms.push(performance.now() - t0);
  }
  const claimed = Object.fromEntries(Object.keys(parsers).map((k) => [k, new Set<Found>()]));
  for (const want of expected.entities.dates) {
    // Every place the expression occurs counts ("Wednesday" may come twice).
    const places = [...record.text.matchAll(new RegExp(want.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index);
    if (!places.length) continue;
    expressions++;
    const cells = Object.entries(results).map(([name, found]) => {
      const hits = found.filter((f) => places.some((at) => f.start < at + want.text.length && at < f.end));
      hits.forEach((h) => claimed[name]!.add(h));
      const right = hits.some((h) => h.value(want.value) === want.value);
      if (hits.length) totals[name]!.found++;
      if (right) totals[name]!.right++;
      return `${name}: ${right ? 'right' : hits.length ? `wrong (${hits[0]!.value(want.value)})` : 'missed'}`;
    });
    console.log(`  ${JSON.stringify(want.text).padEnd(24)} = ${want.value.padEnd(10)} ${cells.join('  ')}`);
  }
  for (const [name, found] of Object.entries(results)) {
    const extra = found.filter((f) => !claimed[name]!.has(f));
    totals[name]!.extra += extra.length;
    if (extra.length) console.log(`  ${name} also found: ${extra.map((f) => JSON.stringify(record.text.slice(f.start, f.end))).join(', ')}`);
  }
}

console.log(`\n${expressions} expected date expressions on the samples`);
for (const [name, t] of Object.entries(totals)) {
  console.log(
    `${name.padEnd(17)} found ${t.found}/${expressions}, resolved right ${t.right}/${expressions}, ` +
      `other expressions ${t.extra}, median ${median(t.ms).toFixed(2)} ms per article (max ${Math.max(...t.ms).toFixed(1)})`,
  );
}
