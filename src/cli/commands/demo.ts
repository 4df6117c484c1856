/**
 * `newsint demo` (what `npm start` runs): the embedded pipeline over the project's own samples/,
 * summarized for a person: one line per article, a total, and the commands to try next.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { expandInputs, type InputItem } from '../../embedded/inputs.js';
import { packageRoot } from '../../package.js';
import type { ArticleRecord, Entities } from '../../record/schema.js';

const TITLE_WIDTH = 40;

/** Entity columns: record key, short header (keeps a line near 90 columns), and its meaning. */
const COLUMNS: ReadonlyArray<readonly [keyof Entities, string, string]> = [
  ['aptGroups', 'grp', 'APT groups'],
  ['agencies', 'agn', 'agencies'],
  ['companies', 'cmp', 'companies'],
  ['sectors', 'sec', 'sectors'],
  ['dates', 'dat', 'dates'],
  ['countries', 'cty', 'countries'],
  ['people', 'ppl', 'people'],
  ['cves', 'cve', 'CVEs'],
  ['malware', 'mal', 'malware'],
];

/** The part of samples/expected/<name>.json the demo uses: where and when the page was "fetched". */
const ExpectedInputSchema = z.object({
  input: z.object({ url: z.string().nullish(), fetchedAt: z.string().nullish() }),
});

async function withSampleInput(item: InputItem): Promise<InputItem> {
  if (item.source.kind !== 'file') return item;
  const { path } = item.source;
  const expected = join(path, '..', 'expected', basename(path).replace(/\.html?$/i, '.json'));
  try {
    const parsed = ExpectedInputSchema.safeParse(JSON.parse(await readFile(expected, 'utf8')));
    if (parsed.success) return { ...item, url: parsed.data.input.url ?? null, fetchedAt: parsed.data.input.fetchedAt ?? null };
  } catch {
    // No expected record (or not JSON): the page runs as a plain local file.
  }
  return item;
}

function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, width - 1)}…`;
}

function row(record: ArticleRecord, fallbackTitle: string): string {
  const title = truncate(record.title ?? `(no title) ${fallbackTitle}`, TITLE_WIDTH);
  const date = (record.publishedAt ?? '').slice(0, 10).padEnd(10);
  const counts = COLUMNS.map(([key, header]) => String(record.entities[key].length).padStart(header.length));
  return `${title}  ${date}  ${String(record.wordCount).padStart(5)}  ${counts.join(' ')}`;
}

export async function runDemo(dir: string): Promise<number> {
  const started = performance.now();
  // Loaded when used: the other commands of this CLI (a worker) need no extraction stack.
  const { describeFailure, runEmbedded } = await import('../../embedded/index.js');
  const items = await Promise.all((await expandInputs([dir])).map(withSampleInput));
  const shown = relative(process.cwd(), dir) || '.';
  const only = items[0];
  if (items.length === 1 && only?.source.kind === 'invalid') {
    process.stderr.write(`newsint: ${only.label}: ${describeFailure(only.source.error)}\n`);
    return 1;
  }
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`newsint demo: ${items.length} security-news pages from ${shown}/, extracted in-process (no Redis, no network)`);
  out();
  out(`${'title'.padEnd(TITLE_WIDTH)}  ${'published'.padEnd(10)}  words  ${COLUMNS.map(([, h]) => h).join(' ')}`);

  const totals = new Map<keyof Entities, number>(COLUMNS.map(([key]) => [key, 0]));
  let words = 0;
  const summary = await runEmbedded(items, {
    onRecord: (record, item) => {
      words += record.wordCount;
      for (const [key] of COLUMNS) totals.set(key, totals.get(key)! + record.entities[key].length);
      out(row(record, basename(item.label)));
    },
    onFailure: (err, item) => void process.stderr.write(`newsint: ${item.label}: ${describeFailure(err)}\n`),
  });

  const entities = [...totals.values()].reduce((a, b) => a + b, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const failed = summary.failed > 0 ? `, ${summary.failed} failed` : '';
  out();
  out(COLUMNS.map(([, h, meaning]) => `${h} ${meaning}`).join(', '));
  out();
  out(
    `Total: ${summary.succeeded} articles${failed}, ${words.toLocaleString('en-US')} words, ${entities} entities ` +
      `(${COLUMNS.map(([key, , meaning]) => `${totals.get(key)} ${meaning}`).join(', ')}) in ${seconds} s`,
  );
  out();
  const next: Array<[string, string]> = [
    [`npx newsint extract ${shown}/ | head -1`, 'one full JSON record'],
    ['npx newsint extract <url> --out records.jsonl', 'any article on the web'],
    ['npx newsint schema', "the record's JSON Schema"],
  ];
  const width = Math.max(...next.map(([cmd]) => cmd.length));
  out('Next:');
  for (const [cmd, what] of next) out(`  ${cmd.padEnd(width)}   ${what}`);
  return summary.failed > 0 ? 1 : 0;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .summary('run the embedded pipeline over the bundled samples and summarize (npm start)')
    .description('Extract every page in samples/ (or DIR) in-process and print one summary line per article.')
    .argument('[dir]', 'a directory of HTML pages (default: the samples/ shipped with newsint)')
    .action(async (dir: string | undefined) => {
      process.exitCode = await runDemo(dir ?? join(packageRoot(), 'samples'));
    });
}
