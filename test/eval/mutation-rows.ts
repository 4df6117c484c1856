/**
 * The survivor rows of test/eval/mutation-survivors.json, shared by `mutation:survivors` (writes
 * them) and `mutation:effect` (measures them).
 *
 * A row: [file, line, column, mutator, replacement (cut at 60), reason, end, effect?]. `end` is
 * "line:column" of the mutated code's end: mutants of nested expressions that start at the same
 * place ("a && b && c" made `true` whole, or only "a && b", or only "a") have the same start,
 * mutator and replacement, and only the end tells them apart. Rows carried from a summary written
 * before the end was kept have '' there.
 */
export type SurvivorRow = [string, number, number, string, string, string, string, ...string[]];

export const ROW_COLUMNS = ['file', 'line', 'column', 'mutator', 'replacement', 'reason', 'end'] as const;

/** One key per mutant: the end is part of it where the row has one. */
export const survivorKey = (r: { 0: string; 1: number; 2: number; 3: string; 4: string; 6?: string }) =>
  `${r[0]}:${r[1]}:${r[2]}${r[6] ? `-${r[6]}` : ''} ${r[3]} ${r[4]}`;

/** Rows of a summary in today's column order (older summaries had no `end` column: '' is put there). */
export function normalizeRows(summary: { columns?: string[]; survivors: unknown[][] }): SurvivorRow[] {
  const hasEnd = summary.columns?.includes('end') ?? false;
  return summary.survivors.map((r) => (hasEnd ? r : [...r.slice(0, 6), '', ...r.slice(6)]) as SurvivorRow);
}
