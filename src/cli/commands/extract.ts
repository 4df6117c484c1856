/**
 * `newsint extract <file|dir|url|->...`: the embedded pipeline from the command line.
 * JSON Lines out, one record per input in input order; one stderr line per failed input.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig, parseDuration, type Config, type ConfigOverrides } from '../../config.js';
import { parseAllowNets } from '../../fetch/guard.js';
import type { Fetcher } from '../../fetch/index.js';
import { canonicalizeUrl } from '../../url/canonical.js';
import { INPUT_TYPE_CHOICES } from '../../input-type.js';
import { DEFAULT_CONCURRENCY } from '../../embedded/defaults.js';
import { expandInputs, type InputItem } from '../../embedded/inputs.js';
import { fileWriter, stdoutWriter } from '../../embedded/jsonl.js';
import { readInputFile } from '../lines.js';
import { createProgress } from '../progress.js';
import { createRecordOutput, FORMAT_HELP, OUTPUT_FORMATS } from '../output.js';

/** Far above any useful value; stops a typo (--concurrency 80000) from opening thousands of sockets. */
export const MAX_CONCURRENCY = 256;

const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time, e.g. 2024-11-14T09:00:00Z');

/** The extract command's own flags; fetch limits go through the shared config (src/config.ts). */
const ExtractFlagsSchema = z.object({
  out: z.string().min(1).optional(),
  url: z.string().refine((s) => canonicalizeUrl(s) !== null, 'must be an absolute http(s) URL').optional(),
  concurrency: z.coerce
    .number()
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= MAX_CONCURRENCY, `must be a whole number from 1 to ${MAX_CONCURRENCY}`)
    .default(DEFAULT_CONCURRENCY),
  recursive: z.boolean().default(false),
  fetchedAt: isoDateTime.optional(),
  publishedAt: isoDateTime.optional(),
  inputType: z.enum(INPUT_TYPE_CHOICES as ['auto', 'html', 'text'], { message: 'must be auto, html or text' }).default('auto'),
  extractedAt: isoDateTime.optional(),
  allowNet: z.array(z.string()).default([]),
  timeout: z
    .string()
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === null || ms <= 0) ctx.addIssue({ code: 'custom', message: 'expected a duration such as 500ms, 15s or 2m' });
      return ms ?? 0;
    })
    .optional(),
  maxBytes: z.string().optional(),
  maxRedirects: z.string().optional(),
  format: z.enum(OUTPUT_FORMATS, { error: `expected one of ${OUTPUT_FORMATS.join(', ')}` }).default('jsonl'),
  inputFile: z.string().min(1).optional(),
});
type ExtractFlags = z.infer<typeof ExtractFlagsSchema>;

const collect = (value: string, previous: string[] = []) => [...previous, value];
const flagName = (key: PropertyKey) => `--${String(key).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;

function parseFlags(command: Command, raw: unknown): ExtractFlags {
  const parsed = ExtractFlagsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return command.error(`error: option '${flagName(issue.path[0] ?? '')}': ${issue.message}`, { exitCode: 2, code: 'newsint.usage' });
}

/** Checks that need the inputs; a failure is bad usage (exit 2), not a failed input. */
function checkUsage(command: Command, args: string[], items: InputItem[], flags: ExtractFlags): void {
  if (args.filter((a) => a === '-').length > 1) command.error("error: '-' (stdin) can be given only once", { exitCode: 2 });
  if (flags.url !== undefined) {
    if (items.length !== 1) {
      command.error(`error: --url names the address of ONE local page, but the inputs expand to ${items.length} pages`, { exitCode: 2 });
    }
    if (items[0]!.source.kind === 'url') command.error('error: --url is for a local file or stdin; a URL input already has its address', { exitCode: 2 });
  }
}

/** Fetch settings: the same environment variables and defaults as the workers, flags on top. */
function fetchConfig(flags: ExtractFlags): Config {
  const overrides: ConfigOverrides = {
    ...(flags.allowNet.length > 0 ? { allowNets: flags.allowNet } : {}),
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
    ...(flags.maxBytes !== undefined ? { maxBytes: flags.maxBytes } : {}),
    ...(flags.maxRedirects !== undefined ? { maxRedirects: flags.maxRedirects } : {}),
  };
  return loadConfig(process.env, overrides);
}

async function makeFetcher(config: Config): Promise<Fetcher> {
  // Loaded on demand: runs over local files never pay for undici's start-up.
  const [{ createFetcher }, { fetcherOptionsFromConfig }] = await Promise.all([
    import('../../fetch/index.js'),
    import('../../fetch/from-config.js'),
  ]);
  return createFetcher(fetcherOptionsFromConfig(config));
}

async function runExtract(command: Command, given: string[], raw: unknown): Promise<void> {
  const flags = parseFlags(command, raw);
  const args = [...(flags.inputFile !== undefined ? await readInputFile(flags.inputFile) : []), ...given];
  if (args.length === 0) {
    command.error("error: missing required argument 'inputs': give files, directories, URLs, - (stdin) or -i FILE", { exitCode: 2 });
  }
  // Checked up front, so a bad --timeout or range is a usage error even when no URL is given this time.
  const config = fetchConfig(flags);
  parseAllowNets(config.allowNets);
  const items = await expandInputs(args, { recursive: flags.recursive });
  checkUsage(command, args, items, flags);
  for (const item of items) {
    item.inputType = flags.inputType;
    if (flags.publishedAt !== undefined) item.publishedAt = flags.publishedAt;
    if (item.source.kind !== 'file' && item.source.kind !== 'stdin') continue;
    if (flags.url !== undefined) item.url = flags.url;
    if (flags.fetchedAt !== undefined) item.fetchedAt = flags.fetchedAt;
  }

  // Loaded here, not at the top: `newsint worker` shares this CLI and extracts in threads, so its
  // main thread should not carry the extraction stack (about 50 MB).
  const { describeFailure, runEmbedded } = await import('../../embedded/index.js');
  const writer = flags.out && flags.out !== '-' ? await fileWriter(flags.out) : stdoutWriter();
  const fetcher = items.some((i) => i.source.kind === 'url') ? await makeFetcher(config) : undefined;
  const progress = createProgress({ total: items.length });
  // stix: one bundle for the whole run (an object many articles share appears once).
  const output = createRecordOutput(flags.format, (chunk) => writer.writeText(chunk), { bundle: 'run' });
  try {
    const summary = await runEmbedded(items, {
      concurrency: flags.concurrency,
      ...(fetcher ? { fetcher } : {}),
      ...(flags.extractedAt ? { extractedAt: flags.extractedAt } : {}),
      onRecord: (record) => output.write(record),
      onFailure: (err, item) => progress.log(`newsint: ${item.label}: ${describeFailure(err)}`),
      onSettled: (state) => progress.update(state),
      shouldStop: () => writer.closed,
    });
    await output.end();
    process.exitCode = summary.failed > 0 ? 1 : 0;
  } finally {
    progress.done();
    await writer.close();
    await fetcher?.close();
  }
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .summary('extract article records from files, directories, URLs or stdin (JSON Lines)')
    .description(
      'Extract one article record per input, printed as JSON Lines in input order.\n' +
        'Inputs: an HTML file; a directory (its *.html and *.htm files, sorted by\n' +
        'name); an http(s) URL; or "-" for HTML on stdin. Local files are decoded by\n' +
        'their BOM or <meta charset>. Plain text (a .txt file, a text/plain URL or\n' +
        'stdin that is not HTML, or --input-type text) is taken as the article itself.\n' +
        'Empty, binary, PDF or image inputs fail with NO_ARTICLE or NOT_HTML, as does\n' +
        'a page with no article text. A failed input prints one line on stderr and\n' +
        'the others go on.\n' +
        'Exit status: 0 every input gave a record; 1 some inputs failed (a missing\n' +
        'path counts as a failed input); 2 bad usage (unknown flag, bad value, no\n' +
        'inputs, unwritable --out).',
    )
    .argument('[inputs...]', 'files, directories, http(s) URLs, or - for stdin')
    .option('-i, --input-file <file>', 'read inputs (URLs or paths) from FILE, one a line; blank lines and # comments skipped')
    .option('-o, --out <file>', 'write the records to FILE instead of stdout')
    .option('-f, --format <format>', `${FORMAT_HELP}; stix writes one bundle for all inputs, misp one event a line`)
    .option('--url <url>', 'the address of a single local page (resolves its relative and canonical links)')
    .option('-c, --concurrency <n>', `inputs fetched and extracted at once (default: ${DEFAULT_CONCURRENCY})`)
    .option('-r, --recursive', 'also take HTML files from subdirectories (hidden ones skipped)')
    .option('--allow-net <cidr>', 'let the fetcher reach this private range, e.g. 127.0.0.1/32 (repeatable; default: only public addresses)', collect)
    .option('--timeout <duration>', 'connect, headers and body timeout per request, e.g. 15s (env NEWSINT_TIMEOUT)')
    .option('--max-bytes <n>', 'largest response body accepted, in bytes after decompression (env NEWSINT_MAX_BYTES)')
    .option('--max-redirects <n>', 'redirects followed per URL (env NEWSINT_MAX_REDIRECTS)')
    .option('--input-type <type>', 'auto (default: by content type, file name, then content), html or text')
    .option('--published-at <iso>', 'publishedAt of plain-text inputs (their relative dates resolve against it)')
    .option('--fetched-at <iso>', 'fetchedAt for local inputs (relative dates resolve against it when the page has no date)')
    .option('--extracted-at <iso>', 'pin extractedAt, for output that is identical run after run')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  newsint extract samples/ | head -1\n' +
        '  newsint extract samples/ --format stix > bundle.json\n' +
        '  newsint extract page.html --url https://example.com/news/story > record.jsonl\n' +
        '  newsint extract https://example.com/a https://example.com/b --out records.jsonl\n' +
        '  newsint extract -i urls.txt --out records.jsonl\n' +
        '  curl -s https://example.com/story | newsint extract - --url https://example.com/story',
    )
    .action(async function (this: Command, inputs: string[]) {
      await runExtract(this, inputs, this.opts());
    });
}
