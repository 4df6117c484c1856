import { describe, expect, it } from 'vitest';
import { createSpanIndex } from '../../extractors/entities/spans.js';

describe('createSpanIndex', () => {
  it('answers overlap queries like a linear scan would', () => {
    const spans = [
      { start: 10, end: 20 },
      { start: 0, end: 3 },
      { start: 15, end: 40 },
      { start: 50, end: 51 },
    ];
    const index = createSpanIndex(spans);
    for (let s = 0; s < 60; s++) {
      for (let e = s + 1; e < 62; e += 3) {
        expect(index.overlaps(s, e)).toBe(spans.some((x) => s < x.end && x.start < e));
      }
    }
    expect(createSpanIndex([]).overlaps(0, 5)).toBe(false);
  });

  it('finds a long span that starts before shorter ones and outlasts them', () => {
    const index = createSpanIndex([
      { start: 0, end: 100 },
      { start: 10, end: 20 },
    ]);
    expect(index.overlaps(50, 60)).toBe(true);
    expect(index.overlaps(100, 110)).toBe(false);
  });
});
