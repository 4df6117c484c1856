import { describe, expect, it } from 'vitest';
import { namesSite, oracle, outOfFold, pageCandidates, ruleBound, segments, signature, type TitlePage } from '../eval/title-choice.js';

/** A page whose <title> and og:title are "Headline | Site" and whose <h1> is the headline. */
const page = (id: string, host: string, headline: string, site: string, gold: string): TitlePage => ({
  id,
  url: `https://${host}/posts/${id}`,
  html: `<html><head><title>${headline} | ${site}</title><meta property="og:title" content="${headline} | ${site}">
    <meta property="og:site_name" content="${site}"></head><body><h1>${headline}</h1><p>Text.</p></body></html>`,
  gold,
  ours: headline,
});

describe('title ceiling (eval:title-ceiling) on hand-written pages', () => {
  const beans = pageCandidates(page('a', 'gardennotes.example', 'Growing Beans Indoors', 'Garden Notes', 'Growing Beans Indoors'));
  // Same structure, but this gold keeps the site's name: no rule over structure gets both.
  const roses = pageCandidates(page('b', 'rosebook.example', 'Pruning Roses in Spring', 'Rose Book', 'Pruning Roses in Spring | Rose Book'));
  // Gold that no part of the page says.
  const soil = pageCandidates(page('c', 'soil.example', 'Soil Basics', 'Soil Site', 'What Soil Needs'));
  const pages = [beans, roses, soil];

  it('offers each source whole and without its site segment, and knows the segment names the site', () => {
    const headline = beans.candidates.find((c) => c.text === 'Growing Beans Indoors');
    expect(headline?.from).toEqual(
      expect.arrayContaining([
        { source: 'h1', variant: 'raw', cutIsSite: false },
        { source: 'og', variant: 'suffix', cutIsSite: true },
        { source: 'title', variant: 'suffix', cutIsSite: true },
      ]),
    );
    expect(beans.candidates.some((c) => c.text === 'Growing Beans Indoors | Garden Notes')).toBe(true);
    expect(segments('Growing Beans Indoors | Garden Notes')).toEqual(['Growing Beans Indoors', 'Garden Notes']);
    expect(namesSite('Rose Book', [], 'rosebook.example')).toBe(true);
    expect(namesSite('Spring', [], 'rosebook.example')).toBe(false);
  });

  it('oracle: the share of pages whose gold is among the candidates', () => {
    expect(oracle(pages)).toBeCloseTo(2 / 3);
  });

  it('rule bound: like pages with different gold choices count once', () => {
    expect(signature(beans)).toBe(signature(roses));
    const bound = ruleBound(pages);
    expect(bound.scored).toBe(3);
    // All three are alike: gold follows the <h1> on one, the whole <title> on one, nothing on the third.
    expect(bound.groups).toHaveLength(1);
    expect(bound.hits).toBe(1);
    expect(bound.groups[0]!.hits).toMatchObject({ 'h1:raw': 1, 'title:raw': 1 });
  });

  it('the learned chooser is scored out of fold, one pick per page', () => {
    const picks = outOfFold(pages, 3, 1);
    expect(picks).toHaveLength(3);
    expect(picks.every((c) => c !== null)).toBe(true);
  });
});
