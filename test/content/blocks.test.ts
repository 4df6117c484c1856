import { describe, expect, it } from 'vitest';
import { extractContent, ruleBody } from '../../extractors/content/index.js';
import { FEATURES, blockFeatures } from '../../extractors/content/blocks.js';

const page = `<!doctype html><html><head><title>Harbour cranes</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
  <h2>Why the cranes stopped</h2>
  <p>The port's three container cranes stood still for most of Tuesday, and the operator said a software update had failed overnight.</p>
  <p>Engineers rolled the update back by the evening, and <a href="/ships">ships waiting offshore</a> began to unload again.</p>
  <ul><li>Crane one: back at noon, after a manual restart.</li><li>Cranes two and three: back by six in the evening.</li></ul>
</article>
</body></html>`;

describe('the body as blocks (what the block model learns from)', () => {
  it('gives one block per paragraph, heading and list item, with its element and link text, and the same text as extractContent', () => {
    const { blocks, text } = ruleBody(page);
    expect(blocks).not.toBeNull();
    expect(blocks!.map((b) => b.el?.name)).toEqual(['h2', 'p', 'p', 'li', 'li']);
    expect(blocks![2]!.linkChars).toBe('ships waiting offshore'.length);
    expect(blocks![1]!.linkChars).toBe(0);
    expect(text).toBe(extractContent(page).text);
    expect(text.split('\n\n')).toEqual(blocks!.map((b) => b.text));
  });

  it('describes every block with the listed features, heading and list tags where they belong', () => {
    const { blocks } = ruleBody(page);
    const xs = blockFeatures(blocks!);
    expect(xs).toHaveLength(5);
    for (const x of xs) expect(x).toHaveLength(FEATURES.length);
    const col = (name: (typeof FEATURES)[number]) => xs.map((x) => x[FEATURES.indexOf(name)]);
    expect(col('tagHeading')).toEqual([1, 0, 0, 0, 0]);
    expect(col('tagLi')).toEqual([0, 0, 0, 1, 1]);
    expect(col('sentenceEnd')).toEqual([0, 1, 1, 1, 1]);
    expect(col('linkDensity')[2]).toBeGreaterThan(0);
  });
});
