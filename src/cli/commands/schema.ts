/** `newsint schema`: the record's JSON Schema, for consumers in any language. */
import type { Command } from 'commander';
import { recordJsonSchema } from '../../record/schema.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .summary("print the article record's JSON Schema")
    .description(
      'Print the JSON Schema (draft 2020-12) of the records that `extract` and the results\n' +
        'queue emit. It is generated from the same zod schema every record is checked against.',
    )
    .action(() => {
      process.stdout.write(`${JSON.stringify(recordJsonSchema(), null, 2)}\n`);
    });
}
