import { describe, expect, it } from 'vitest';
import { sentenceIndexAt, splitSentences } from '../../extractors/entities/sentences.js';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('does not split after U.S., Dr., Inc. mid-sentence, initials or inside decimals and versions', () => {
    expect(split('The U.S. government and Dr. Smith of Acme Inc. met John F. Kennedy. Version 2.4.1 costs 3.5 million.')).toEqual([
      'The U.S. government and Dr. Smith of Acme Inc. met John F. Kennedy.',
      'Version 2.4.1 costs 3.5 million.',
    ]);
  });

  it('keeps closing quotes with their sentence and splits on ! and ?', () => {
    expect(split('"We are watching," she said. "Are they?" Yes! It ended.')).toEqual([
      '"We are watching," she said.',
      '"Are they?"',
      'Yes!',
      'It ended.',
    ]);
    expect(split('He called it a \u201cbroad campaign.\u201d The FBI agreed.')).toEqual(['He called it a \u201cbroad campaign.\u201d', 'The FBI agreed.']);
  });

  it('ends sentences at line breaks and trims whitespace from the offsets', () => {
    const text = 'Heading without period\n\n  First para. Second one.\nLast';
    expect(split(text)).toEqual(['Heading without period', 'First para.', 'Second one.', 'Last']);
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end).trim()).toBe(text.slice(s.start, s.end));
  });

  it('splits after a name that ends in a single letter, like AT&T', () => {
    expect(split('Salt Typhoon breached AT&T. Verizon was next.')).toEqual(['Salt Typhoon breached AT&T.', 'Verizon was next.']);
  });

  it('splits after a corporate suffix when a new sentence clearly starts', () => {
    expect(split('It sold the unit to Acme Corp. The deal closed.')).toEqual(['It sold the unit to Acme Corp.', 'The deal closed.']);
  });

  it('finds the sentence holding an offset', () => {
    const text = 'One. Two. Three.';
    const spans = splitSentences(text);
    expect(sentenceIndexAt(spans, text.indexOf('Two'))).toBe(1);
    expect(sentenceIndexAt(spans, 4)).toBe(-1);
  });

  // From the mutation run: a run of end marks must be read to its end (a mutant walking back looped).
  it('ends a sentence after a run of end marks', () => {
    expect(split('Is it over?! Not yet... The crew struck again!! Then it left.')).toEqual(['Is it over?!', 'Not yet...', 'The crew struck again!!', 'Then it left.']);
  });
});
