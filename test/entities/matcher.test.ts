import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, defaultRule, isNameShaped, keyHash, tokenize } from '../../extractors/entities/matcher.js';

const names = (text: string, m = createMatcher([
  { name: 'Cobalt Strike', payload: 'tool' },
  { name: 'Cobalt', payload: 'group', rule: 'threat' as const },
  { name: 'NSA', payload: 'agency' },
  { name: 'National Security Agency', payload: 'agency' },
  { name: 'Orange', payload: 'telecom', rule: 'proper' as const },
  { name: 'AT&T', payload: 'telecom' },
  { name: 'U.S.', payload: 'country' },
  { name: 'US', payload: 'country' },
])) => m.match(tokenize(text)).map((x) => `${x.text}=${x.payloads.join('+')}`);

describe('tokenize', () => {
  it('keeps offsets into the original text and marks sentence starts', () => {
    const text = 'The FBI’s  report.\nNew line: AT&T';
    const t = tokenize(text);
    t.key.forEach((k, i) => expect(text.slice(t.start[i], t.end[i]).toLowerCase().replace('’', "'")).toBe(k));
    expect(t.sentenceStart[t.key.indexOf('new')]).toBe(true);
    expect(t.sentenceStart[t.key.indexOf('fbi')]).toBe(false);
  });

  it("gives every token its lower-cased, folded key and that key's hash, for any text", () => {
    const fold = (s: string) => ({ '’': "'", '‘': "'", '`': "'", '–': '-', '—': '-', '‐': '-' })[s] ?? s.toLowerCase();
    const pieces = ['Salt', 'SALT', 'salt', 'Café', 'ÉTÉ', 'K', 'K', 'İstanbul', '’', '—', 'x1', 'AT&T', '😀', 'naïve', ' ', '\n', '.'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join(parts.length % 2 ? ' ' : '');
        const t = tokenize(text);
        t.key.forEach((k, i) => {
          expect(k).toBe(fold(text.slice(t.start[i], t.end[i])));
          expect(t.hash[i]).toBe(keyHash(k));
        });
      }),
    );
  });

  it('finds names after thousands of distinct words, in the case rules of each name', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    const m = createMatcher([{ name: 'Salt Typhoon', payload: 1 }, { name: 'NSA', payload: 2 }]);
    const text = `${words} Salt Typhoon and the NSA. ${words.toUpperCase()} salt typhoon, nsa, NSA`;
    expect(m.match(tokenize(text)).map((x) => `${x.text}@${x.start}`)).toEqual([
      `Salt Typhoon@${words.length + 1}`,
      `NSA@${words.length + 22}`,
      `NSA@${text.length - 3}`,
    ]);
  });
});

describe('createMatcher', () => {
  it('prefers the longest name', () => {
    expect(names('Attackers loaded Cobalt Strike beacons.')).toEqual(['Cobalt Strike=tool']);
  });

  it('matches whole tokens only', () => {
    expect(names('Cobaltstrike and NSAs and ATT are not names here')).toEqual([]);
  });

  it('matches acronyms only in capitals, and "US" never as "us"', () => {
    expect(names('The nsa and the NSA told us about US and U.S. policy')).toEqual(['NSA=agency', 'US=country', 'U.S.=country']);
  });

  it('ignores names inside URLs and identifiers', () => {
    expect(names('See https://att.example/AT&T/report and ATT_NSA_dump; the NSA denied it.')).toEqual(['NSA=agency']);
  });

  it('needs threat context for common-word names', () => {
    expect(names('Cobalt prices rose as mining slowed.')).toEqual([]);
    expect(names('The Cobalt gang ran a phishing campaign against banks.')).toEqual(['Cobalt=group']);
  });

  it('keeps a confirmed common-word name in every sentence of the text, but not inside a longer name', () => {
    const m = createMatcher([{ name: 'Royal', payload: 'ransomware', rule: 'threat' as const }], { contextWindow: 3 });
    const found = (text: string) => m.match(tokenize(text)).map((x) => x.text + '@' + x.start);
    const filler = ' The firm said nothing more that week about the matter at all.';
    expect(found('Royal sent a note.' + filler)).toEqual([]);
    const text = 'The Royal ransomware spread.' + filler + ' Then customers of Royal Mail waited, and later Royal demanded money.';
    expect(found(text)).toEqual(['Royal@4', `Royal@${text.lastIndexOf('Royal')}`]);
  });

  it('accepts a guarded capitals-only name in title case right after an alias cue', () => {
    const m = createMatcher([{ name: 'BARIUM', payload: 'group', rule: 'threat' as const }]);
    const found = (text: string) => m.match(tokenize(text)).map((x) => x.text);
    expect(found('The espionage group TA415 is also known as Barium.')).toEqual(['Barium']);
    expect(found('The espionage group used Barium sulfate in a lure.')).toEqual([]);
  });

  it('takes a proper-rule name only mid-sentence and not glued to other capitalized words', () => {
    expect(names('Orange juice sales grew.')).toEqual([]);
    expect(names('Fans in Orange County cheered.')).toEqual([]);
    expect(names('Customers of Orange saw outages.')).toEqual(['Orange=telecom']);
  });

  it('returns spans whose offsets slice back to the matched text, for any text', () => {
    const m = createMatcher([{ name: 'AT&T', payload: 1 }, { name: 'Salt Typhoon', payload: 2 }, { name: 'U.S.', payload: 3 }]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('AT&T', 'Salt', 'Typhoon', 'U.S.', ' ', '\n', '.', 'é', 'x', '’s'), { maxLength: 40 }), (parts) => {
        const text = parts.join(parts.length % 2 ? ' ' : '');
        for (const x of m.match(tokenize(text))) expect(text.slice(x.start, x.end)).toBe(x.text);
      }),
    );
  });
});

describe('name rules', () => {
  it('treats short capitals as exact acronyms and longer names as capitalized', () => {
    expect(defaultRule('NSA')).toBe('exact');
    expect(defaultRule('FinCEN')).toBe('exact');
    expect(defaultRule('Midnight Blizzard')).toBe('capitalized');
    expect(defaultRule('FANCY BEAR')).toBe('capitalized');
  });

  it('recognizes coined names by their shape', () => {
    expect(isNameShaped('ReconHellcat')).toBe(true);
    expect(isNameShaped('M00nD3V')).toBe(true);
    expect(isNameShaped('APT')).toBe(false);
    expect(isNameShaped('Ransomware')).toBe(false);
    expect(isNameShaped('RaaS')).toBe(false);
  });
});
