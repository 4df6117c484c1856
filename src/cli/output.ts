/**
 * `--format` for commands that print records. jsonl (default): one record a line; json: one
 * JSON array; stix: STIX 2.1 (`bundle: 'run'` gives one bundle for everything, written at
 * the end; `'record'` one bundle per record, one a line, for streams); misp: one MISP event
 * a line; text: title and body, for reading.
 */
import type { ArticleRecord } from '../record/schema.js';
import { createStixBundler, toStix } from '../export/stix.js';
import { toMisp } from '../export/misp.js';
import { toText } from '../export/text.js';

export const OUTPUT_FORMATS = ['jsonl', 'json', 'stix', 'misp', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FORMAT_HELP = `output format: ${OUTPUT_FORMATS.join(', ')} (default: jsonl)`;

export interface RecordOutput {
  write(record: ArticleRecord): Promise<void>;
  /** Closes the array or writes the run's bundle. */
  end(): Promise<void>;
}

const TEXT_RULE = `${'-'.repeat(72)}\n`;

export function isOutputFormat(value: unknown): value is OutputFormat {
  return typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value);
}

export function createRecordOutput(format: OutputFormat, emit: (chunk: string) => Promise<void>, options: { bundle: 'run' | 'record' }): RecordOutput {
  let count = 0;
  switch (format) {
    case 'jsonl':
      return { write: (r) => emit(`${JSON.stringify(r)}\n`), end: async () => undefined };
    case 'misp':
      return { write: (r) => emit(`${JSON.stringify(toMisp(r))}\n`), end: async () => undefined };
    case 'text':
      return { write: (r) => emit(`${count++ ? TEXT_RULE : ''}${toText(r)}`), end: async () => undefined };
    case 'json':
      return {
        write: (r) => emit(`${count++ ? ',\n' : '[\n'}${JSON.stringify(r)}`),
        end: () => emit(count ? '\n]\n' : '[]\n'),
      };
    case 'stix': {
      if (options.bundle === 'record') return { write: (r) => emit(`${JSON.stringify(toStix(r))}\n`), end: async () => undefined };
      const bundler = createStixBundler();
      return { write: async (r) => bundler.add(r), end: () => emit(`${JSON.stringify(bundler.bundle())}\n`) };
    }
  }
}
