/**
 * Overlap queries over a fixed set of spans in O(log n): the entity stages ask "does this mention
 * overlap any name?" once per mention, and a 10 MB text has hundreds of thousands of both.
 */
import type { Span } from './sentences.js';

export interface SpanIndex {
  /** True when [start, end) overlaps any indexed span. */
  overlaps(start: number, end: number): boolean;
}

export function createSpanIndex(spans: Iterable<Span>): SpanIndex {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const starts = sorted.map((s) => s.start);
  // maxEnd[i]: the furthest end among the first i + 1 spans by start.
  const maxEnd: number[] = [];
  sorted.forEach((s, i) => maxEnd.push(Math.max(s.end, i > 0 ? maxEnd[i - 1]! : -Infinity)));
  return {
    overlaps(start: number, end: number): boolean {
      // The last span that starts before `end`; any span overlapping must be at or before it.
      let lo = 0;
      let hi = starts.length - 1;
      let idx = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < end) {
          idx = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return idx >= 0 && maxEnd[idx]! > start;
    },
  };
}
