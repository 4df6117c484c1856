/** PLACEHOLDER until entity extraction lands: every list stays empty. */
import { emptyEntities, type Entities, type Relation } from '../../src/record/schema.js';

export interface EntityOptions {
  /** ISO 8601 date-time that relative dates resolve against (publishedAt, else fetchedAt). */
  referenceDate?: string | null;
}

export interface EntityResult {
  entities: Entities;
  relations: Relation[];
}

export function extractEntities(_text: string, _options: EntityOptions = {}): EntityResult {
  return { entities: emptyEntities(), relations: [] };
}
