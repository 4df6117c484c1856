/** `newsint schema`: the record's JSON Schema, for consumers in any language. */
import type { Command } from 'commander';
import { publishedRecordSchema } from '../../record/json-schema.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .summary("print the article record's JSON Schema")
    .description(
      'Print the JSON Schema (draft 2020-12) of the records that `extract` and the\n' +
        'results queue emit, generated from the zod schema every record is checked\n' +
        'against before it leaves the program.',
    )
    .action(() => {
      process.stdout.write(`${JSON.stringify(publishedRecordSchema(), null, 2)}\n`);
    });
}
