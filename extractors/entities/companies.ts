/** PLACEHOLDER: returns nothing until this entity type is implemented. */
import type { Company } from '../../src/record/schema.js';

export function findCompanies(_text: string): Company[] {
  return [];
}
