import { describe, expect, it } from 'vitest';
import { evaluateDevSet, titlesMatchNormalized } from './dev-set.js';
import { scorePages, tokenize } from '../eval/shingles.js';

describe('shingle metric', () => {
  it('matches the benchmark definition on hand-made pairs', () => {
    expect(tokenize('Salt Typhoon’s CVE-2024-1 hit_us')).toEqual(['Salt', 'Typhoon', 's', 'CVE', '2024', '1', 'hit_us']);
    const perfect = scorePages([{ gold: 'a b c d e', predicted: 'a  b, c d e' }]);
    expect(perfect).toMatchObject({ precision: 1, recall: 1, f1: 1, accuracy: 1 });
    // gold shingles: abcd, bcde; predicted: abcd, bcdx -> tp 1, fp 1, fn 1
    const half = scorePages([{ gold: 'a b c d e', predicted: 'a b c d x' }]);
    expect(half.precision).toBeCloseTo(0.5);
    expect(half.recall).toBeCloseTo(0.5);
    expect(half.accuracy).toBe(0);
    // An empty prediction counts for recall (0) but not for precision.
    const mixed = scorePages([{ gold: 'a b c d e', predicted: '' }, { gold: 'a b c d e', predicted: 'a b c d e' }]);
    expect(mixed.recall).toBeCloseTo(0.5);
    expect(mixed.precision).toBeCloseTo(1);
  });
});

describe('normalized title match', () => {
  it('ignores case, punctuation and one trailing site segment, but not different words', () => {
    expect(titlesMatchNormalized('Why Tomatoes Split | Backyard Notes', 'Why tomatoes split')).toBe(true);
    expect(titlesMatchNormalized('Soil & Water: a primer', 'Soil and water - a primer')).toBe(true);
    expect(titlesMatchNormalized('Why tomatoes split', 'Why peppers split')).toBe(false);
    expect(titlesMatchNormalized('Backyard Notes', 'Why tomatoes split | Backyard Notes')).toBe(false);
  });
});

/** Floors a little below what `npm run eval:content` measures (2019 0.988, modern 0.955, title 0.827): regression guards. */
describe('content extraction on both article-extraction dev sets', { timeout: 180_000 }, () => {
  it('2019 pages: F1 at or above 0.98', () => {
    const { metrics } = evaluateDevSet('2019');
    expect(metrics.pages).toBe(61);
    expect(metrics.f1).toBeGreaterThanOrEqual(0.98);
  });

  it('modern pages: F1 at or above 0.95, published date (day) at or above 0.85, title at or above 0.82', () => {
    const { metrics, metadata, snippets } = evaluateDevSet('modern');
    expect(metrics.pages).toBe(226);
    expect(metrics.f1).toBeGreaterThanOrEqual(0.95);
    expect(metadata!.dateDay).toBeGreaterThanOrEqual(0.85);
    expect(metadata!.titleExact).toBeGreaterThanOrEqual(0.82);
    expect(snippets!.withoutKept).toBeLessThanOrEqual(0.03);
  });
});
