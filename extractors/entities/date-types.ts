/** The shape date finders hand to the date stage before mentions are grouped into entities. */
import type { DateEntity } from '../../src/record/schema.js';

export interface DateCandidate {
  start: number;
  end: number;
  text: string;
  value: string;
  granularity: DateEntity['granularity'];
}
