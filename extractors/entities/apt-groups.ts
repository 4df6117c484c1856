/** PLACEHOLDER: returns nothing until this entity type is implemented. */
import type { AptGroup } from '../../src/record/schema.js';

export function findAptGroups(_text: string): AptGroup[] {
  return [];
}
