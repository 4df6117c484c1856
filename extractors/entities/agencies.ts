/** PLACEHOLDER: returns nothing until this entity type is implemented. */
import type { Agency } from '../../src/record/schema.js';

export function findAgencies(_text: string): Agency[] {
  return [];
}
