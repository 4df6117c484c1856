/** PLACEHOLDER: returns nothing until this entity type is implemented. */
import type { Country } from '../../src/record/schema.js';

export function findCountries(_text: string): Country[] {
  return [];
}
