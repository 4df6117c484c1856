/**
 * Dates: every time expression in the body, resolved against the reference date (publishedAt,
 * else fetchedAt) with a granularity; one entity per value.
 *
 * Parser choice: chrono-node, not compromise-dates. On the 15 samples' 61 date expressions
 * (`test/eval/dates-compare.ts`) raw chrono resolves 43 right at ~0.3 ms an article, raw
 * compromise-dates 29 at ~50-70 ms, because it resolves "Wednesday", "September" and "January"
 * forward in time, wrong for news. chrono also lets us lean to the past: "Wednesday" in a
 * Thursday article is the day before, "in September" the last September. It runs per sentence
 * (no merges across sentences); rules add what it does not parse (years, decades, quarters,
 * durations, "this week"), see date-rules.ts. With both, 61 of 61 resolve right.
 */
// The English parser only: chrono-node's entry point also loads its 15 other locales (some 900
// modules, about 3 MB of heap and 12 MB of memory in every extraction thread) for nothing.
import type { ParsedComponents } from 'chrono-node';
import * as chrono from 'chrono-node/en';
import type { DateEntity, Mention } from '../../src/record/schema.js';
import { findRuleDates, isoWeek } from './date-rules.js';
import type { DateCandidate } from './date-types.js';
import { splitSentences, type Span } from './sentences.js';
import { createSpanIndex } from './spans.js';

export interface DateOptions {
  /** ISO 8601; without it, expressions that need one ("last month") are skipped, never guessed from the clock. */
  referenceDate?: string | null;
  /** Sentence spans of `text`, if the caller already has them. */
  sentences?: Span[];
}

const LEADING_PREPOSITION = /^(?:on|in|at|since|by|from|during|of|until|before|after|for|as of)\s+/i;
/** Modifiers that belong to the expression ("late November 2023", "Earlier this year"). */
const MODIFIER_BEFORE = /(?:\b(?:early|earlier|late|later|mid|middle of|end of|beginning of|start of)(?:\s+|-))$/i;
/** Casual words that name no specific day in a news body ("Today, ransomware is..."). */
const VAGUE = /^(?:now|today|tonight|this (?:morning|afternoon|evening)|(?:the )?weekend|right now)$/i;
const MONTH_ONLY = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;
/** Words before a bare month that make it a date ("in May"), not a verb or a name ("May Smith"). */
const MONTH_CUE = /\b(?:in|since|by|until|till|from|during|of|early|late|mid|last|this|next|through|before|after|between|and|or|to|throughout|around|earlier|later)[\s-]+$/i;
/** A future in the sentence before the date keeps it forward ("will ship on Friday"). */
const FUTURE_CUE = /\b(?:will|shall|must|plans? to|(?:is|are) expected to|expects? to|scheduled|deadline|due|upcoming|coming)\b/i;
/** A deadline right before the date ("patch by May 1", "until January 31") may point a few weeks ahead. */
const DEADLINE_CUE = /\b(?:by|until|till|starting|beginning|no later than)\s+$/i;
const DEADLINE_HORIZON_DAYS = 120;
/** "two weeks", "past five years": a span of time, left to the duration rule unless it says "ago". */
const SPAN_OF_TIME = /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?|a few|few|several|couple of)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b/i;
/** The words of DATE_WORD: a month, a weekday or a relative word. */
const DATE_NAME_SOURCE =
  String.raw`\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|last|this|next|past|previous|ago|yesterday|tomorrow|earlier|coming)\b`;
/** A real date expression names a number, a month, a weekday or a relative word; not "the months". */
const DATE_WORD = new RegExp(String.raw`\d|${DATE_NAME_SOURCE}`, 'i');
const MONTH_STEM = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
/** chrono's time units and number words (TIME_UNITS_PATTERN, NUMBER_PATTERN), longest first. */
const UNIT = 'quarters?|seconds?|minutes?|months?|hours?|weeks?|years?|mins|days?|sec|min|hrs|mon|mos|qtr|hr|mo|yr|[smhdwy]';
const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|an?|few|several|the|couple';
/** chrono's ordinal words ("third May", "twenty-first May"). */
const ORDINAL =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth';
/** After a unit chrono reads on only into a number word, "and", or a word that ends a relative date. */
const UNIT_END = String.raw`(?!(?!${NUMBER_WORD}|and|ago|before|earlier|later|after|from|henceforth|forward|out)[a-z])`;
/**
 * Which sentences chrono (most of the date step's time) is run on. A date is kept only when its
 * words pass DATE_WORD, so it holds a digit or one of those words, and chrono reads them into a
 * date only in these shapes; a sentence with none yields no date:
 * - a month other than "may", a weekday, "ago", "yesterday", "tomorrow";
 * - digits joined by a date or time separator ("2024-05-17", "5/17", "10:30"), glued to a month
 *   ("17May", "May2024"), or before a time unit ("in 3 mos", "5d ago");
 * - a word that names a day, which a time next to it turns into a date ("today at 5pm", "weekend 10am");
 * - "this", "last", "past", "next" right before a unit, a weekday or "night" ("this year", "last
 *   night"), and a unit before "earlier" ("the day earlier"): alone they name nothing ("this report");
 * - "May" capitalized, or "may" after a day, a time or a unit ("third may", "noon may", "the day after may"): lower-case
 *   "may" is the verb, and a lower-case month heading a date is dropped (cleanSpan);
 * - "previous" and "coming" are in no chrono pattern;
 * - and, with a digit or a time like "this morning" in the sentence, a relative phrase the time may
 *   join ("the day 5pm", NUMBER_UNIT).
 * Most sentences with a digit or one of those words (counts, versions, "this", "may") have none.
 */
const CHRONO_CUE = new RegExp(
  [
    String.raw`\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|ago|yesterday|tomorrow)\b`,
    String.raw`\d[-./\s:：]+\d`,
    String.raw`\d(?:st|nd|rd|th|\s{0,2}(?:bce?|ad|be|ce))?[\s\-/,.]{0,8}(?:of\s{0,3})?(?:${MONTH_STEM})`,
    String.raw`(?:${MONTH_STEM})[a-z.]{0,7}[\s\-/,.]{0,8}(?:of\s+)?\d`,
    String.raw`\d\s{0,3}(?:${UNIT})${UNIT_END}`,
    String.raw`\b(?:now|today|tonight|tmrw?|overmorrow)\b|weekend|weekday|end\s+of\s+(?:the\s+)?month`,
    String.raw`(?:this|last|past|next)\s*(?:(?:about|around)\s{0,3})?(?:(?:${NUMBER_WORD})\s{0,3}(?:of\s{0,3})?)?(?:${UNIT})${UNIT_END}`,
    String.raw`(?:this|last|past|next)\s*(?:mon|tue|wed|thu|fri|sat|sun|weekend|weekday|night)`,
    String.raw`(?:\d|\b(?:${NUMBER_WORD}))\s{0,3}(?:of\s{0,3})?(?:${UNIT})\s{0,5}earlier`,
    String.raw`(?:\d|${ORDINAL}|noon|midnight|midday|morning|afternoon|evening|night|today|tonight|now|weekend|weekday|\b(?:${NUMBER_WORD})\s{0,3}(?:of\s{0,3})?(?:${UNIT})\b)[\s\S]{0,40}?\bmay\b`,
  ].join('|'),
  'i',
);
/** "May" the month is written with a capital (see CHRONO_CUE); case-sensitive. */
const CAPITAL_MAY = /\bM[aA][yY]\b/;
/** A number word and a unit: a relative date that a time may join ("the day 5pm", "this morning the day after"). */
const NUMBER_UNIT = new RegExp(String.raw`\b(?:${NUMBER_WORD})\s{0,3}(?:of\s{0,3})?(?:${UNIT})${UNIT_END}`, 'i');
/** A time next to one of the weak words ("this morning"): it dates a relative phrase it joins. */
const WEAK_TIME = /(?:this|last|past|next)\s{0,3}(?:morning|afternoon|evening|night|midnight|midday|noon)/i;
const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?$|^(?:wednes|satur)day$/i;
const YEAR_OF = /^(?:,\s*|\s+of\s+|\s+)((?:1[89]|20)\d\d)(?![\p{N}])/u;

type Component = ParsedComponents;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Resolve one chrono component to a value, leaning to the past unless the sentence speaks of the future. */
function resolve(
  c: Component,
  text: string,
  ref: Date | null,
  future: boolean,
  deadline: boolean,
  yearOf: number | null,
): Omit<DateCandidate, 'start' | 'end' | 'text'> | null {
  const known = (k: chrono.Component) => (k === 'year' && yearOf !== null) || c.isCertain(k);
  const hasDay = known('day') || known('weekday');
  if (!hasDay && !known('month') && !known('year')) return null; // a time of day alone
  if (!ref && !known('year')) return null;
  let y = yearOf ?? c.get('year')!;
  let m = c.get('month')!;
  let d = c.get('day')!;
  if (ref && !known('year')) {
    const refY = ref.getUTCFullYear();
    const refKey = refY * 10000 + (ref.getUTCMonth() + 1) * 100 + ref.getUTCDate();
    const key = (yy: number, mm: number, dd: number) => yy * 10000 + mm * 100 + (hasDay ? dd : 0);
    const weekdayOnly = known('weekday') && !known('day') && !known('month');
    const shift = (sign: 1 | -1) => {
      if (weekdayOnly) {
        const t = new Date(Date.UTC(y, m - 1, d + 7 * sign));
        [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
      } else y += sign;
    };
    const refCmp = hasDay ? refKey : Math.floor(refKey / 100) * 100;
    // chrono reads the date nearest the reference; news means the past one unless told otherwise.
    const ahead = key(y, m, d) > refCmp;
    const soon = (Date.UTC(y, m - 1, hasDay ? d : 1) - ref.getTime()) / 86_400_000 <= DEADLINE_HORIZON_DAYS;
    const forward = future || (deadline && ahead && soon);
    if (!forward && ahead) shift(-1);
    else if (forward && key(y, m, d) < refCmp) shift(1);
  }
  if (/\bweeks?\b/i.test(text)) return { value: isoWeek(y, m, d), granularity: 'week' };
  if (hasDay) return { value: `${y}-${pad(m)}-${pad(d)}`, granularity: 'day' };
  if (known('month')) return { value: `${y}-${pad(m)}`, granularity: 'month' };
  return { value: String(y), granularity: 'year' };
}

/** What joins the two ends of a range: "June to August", "26 November – 3 December". */
const RANGE_WORD = String.raw`(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|\band\b)`;
/** A range as chrono reads it whole, split at its joining word. */
const RANGE_SPLIT = new RegExp(String.raw`^(.*?)(\s*${RANGE_WORD}\s*)(.+)$`);
/** The text between two dates chrono reads apart that makes them one range. */
const RANGE_JOIN = new RegExp(String.raw`^\s*${RANGE_WORD}\s*$`, 'i');

/**
 * The year of a range's end that names none, from the other end: "November 26 – December 3, 2025"
 * starts in 2025 whatever the reference date, and "November 26 – January 3, 2026" in 2025.
 */
function yearFromOtherEnd(own: Component, other: Component, side: 'start' | 'end'): number | null {
  if (own.isCertain('year') || !other.isCertain('year') || !own.isCertain('month')) return null;
  const y = other.get('year')!;
  const key = (k: Component) => k.get('month')! * 100 + (k.get('day') ?? 1);
  if (side === 'start') return key(own) > key(other) ? y - 1 : y;
  return key(own) < key(other) ? y + 1 : y;
}

/** Trim chrono's span to the expression itself and check it is not a verb, a version or a time. */
function cleanSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  let surface = text.slice(s, e);
  const lead = LEADING_PREPOSITION.exec(surface);
  if (lead) s += lead[0].length;
  surface = text.slice(s, e);
  const trail = /(?:[\s,;:]+|(?<=\d)\.)$/.exec(surface);
  if (trail) e -= trail[0].length;
  surface = text.slice(s, e);
  if (!surface || VAGUE.test(surface)) return null;
  if (SPAN_OF_TIME.test(surface) && !/\bago\b/i.test(surface)) return null;
  // Dotted numbers are versions ("2.1.2024"); slashed numbers inside paths or fractions are not dates.
  if (/^\d+(?:\.\d+)+$/.test(surface)) return null;
  const before = text[s - 1] ?? ' ';
  const after = text[e] ?? ' ';
  const afterNext = text[e + 1] ?? ' ';
  if (/^\d/.test(surface) && /[\p{L}\p{N}./_-]/u.test(before)) return null;
  if (/\d$/.test(surface) && (/[\p{N}/_]/u.test(after) || (/[.-]/.test(after) && /\p{N}/u.test(afterNext)))) return null;
  // URL slugs and file names ("roundup-march-2018", "cua-thu-tuong").
  if (/[/_=-]/.test(after) && /\p{L}/u.test(afterNext)) return null;
  if (/[/_=-]/.test(before) && !/\b(?:mid|early|late)-$/i.test(text.slice(Math.max(0, s - 6), s))) return null;
  if (!DATE_WORD.test(surface)) return null;
  if (/\b(?:last|past|previous|coming|next)\s+(?:days|weeks|months|years)\b/i.test(surface)) return null;
  const head = /^\p{L}+/u.exec(surface)?.[0] ?? '';
  if ((MONTH_ONLY.test(head) || WEEKDAY.test(head)) && !/^\p{Lu}/u.test(head)) return null;
  if (MONTH_ONLY.test(surface)) {
    if (!/^\p{Lu}/u.test(surface) || !MONTH_CUE.test(text.slice(Math.max(0, s - 20), s))) return null;
  }
  const mod = MODIFIER_BEFORE.exec(text.slice(Math.max(0, s - 20), s));
  if (mod) s -= mod[0].length;
  return { start: s, end: e };
}

function chronoCandidates(text: string, sentences: Span[], ref: Date | null): DateCandidate[] {
  const out: DateCandidate[] = [];
  const reference = ref ? { instant: ref, timezone: 'UTC' } : { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 'UTC' };
  for (const sentence of sentences) {
    const sText = text.slice(sentence.start, sentence.end);
    if (!/\d|day|month|year|week|ago|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(sText)) continue;
    // Every date kept must pass DATE_WORD (cleanSpan), and a span holds a date word only where its
    // sentence does: a sentence without one costs a chrono parse and yields nothing.
    if (!DATE_WORD.test(sText)) continue;
    if (!CHRONO_CUE.test(sText) && !CAPITAL_MAY.test(sText) && !((/\d/.test(sText) || WEAK_TIME.test(sText)) && NUMBER_UNIT.test(sText))) continue;
    const results = chrono.casual.parse(sText, reference, { forwardDate: false });
    // Two dates joined by "and" or "to" that chrono reads apart ("between November 26 and December 3, 2025").
    const joined = (a: chrono.ParsedResult | undefined, b: chrono.ParsedResult | undefined) =>
      !!a && !!b && RANGE_JOIN.test(sText.slice(a.index + a.text.length, b.index));
    for (const [i, r] of results.entries()) {
      const prev = results[i - 1];
      const next = results[i + 1];
      const absStart = sentence.start + r.index;
      const absEnd = absStart + r.text.length;
      // A range ("June to August 2023") becomes two mentions, one per end.
      const parts: Array<{ c: Component; start: number; end: number; rangeYear: number | null }> = [];
      const split = r.end ? RANGE_SPLIT.exec(r.text) : null;
      if (r.end && split) {
        parts.push({ c: r.start, start: absStart, end: absStart + split[1]!.length, rangeYear: yearFromOtherEnd(r.start, r.end, 'start') });
        parts.push({ c: r.end, start: absEnd - split[3]!.length, end: absEnd, rangeYear: yearFromOtherEnd(r.end, r.start, 'end') });
      } else {
        const rangeYear = joined(r, next) ? yearFromOtherEnd(r.start, next!.start, 'start') : joined(prev, r) ? yearFromOtherEnd(r.start, prev!.start, 'end') : null;
        parts.push({ c: r.start, start: absStart, end: absEnd, rangeYear });
      }
      for (const part of parts) {
        const span = cleanSpan(text, part.start, part.end);
        if (!span) continue;
        const c = part.c;
        let end = span.end;
        // "December 27th of 2019": chrono stops before the year.
        const yearOf = !c.isCertain('year') && (c.isCertain('day') || c.isCertain('month')) ? YEAR_OF.exec(text.slice(end, end + 12)) : null;
        if (yearOf) end += yearOf[0].length;
        const surface = text.slice(span.start, end);
        // Dashes between day, month and year are the European order ("06-01-2020" is 6 January);
        // American dates use slashes, which chrono reads month first.
        const dmy = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(surface);
        if (dmy && Number(dmy[2]) <= 12 && Number(dmy[1]) >= 1 && Number(dmy[1]) <= 31) {
          out.push({ start: span.start, end, text: surface, value: `${dmy[3]}-${pad(Number(dmy[2]))}-${pad(Number(dmy[1]))}`, granularity: 'day' });
          continue;
        }
        const future = FUTURE_CUE.test(text.slice(sentence.start, span.start)) || /\b(?:next|coming|upcoming)\b/i.test(surface);
        const deadline = DEADLINE_CUE.test(text.slice(Math.max(sentence.start, span.start - 20), span.start));
        const resolved = resolve(c, surface, ref, future, deadline, yearOf ? Number(yearOf[1]) : part.rangeYear);
        if (!resolved) continue;
        if (!ref && /\b(?:last|this|next|ago|yesterday|tomorrow|past|previous|coming|earlier|later)\b/i.test(surface)) continue;
        out.push({ start: span.start, end, text: surface, ...resolved });
      }
    }
  }
  return out;
}

function validRef(referenceDate: string | null | undefined): Date | null {
  if (!referenceDate) return null;
  const t = Date.parse(referenceDate);
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * Date entities, one per distinct value; `text` is the first mention's wording.
 *
 * @example
 * findDates('The FBI said on Wednesday...', { referenceDate: '2024-11-14T12:00:00Z' })[0]
 * // { text: 'Wednesday', value: '2024-11-13', granularity: 'day', mentions: [...] }
 */
export function findDates(text: string, options: DateOptions = {}): DateEntity[] {
  const ref = validRef(options.referenceDate);
  const sentences = options.sentences ?? splitSentences(text);
  const fromChrono = chronoCandidates(text, sentences, ref);
  // Rules fill gaps only: chrono's reading of a span wins over a year found inside it.
  const chronoSpans = createSpanIndex(fromChrono);
  const all = [...fromChrono, ...findRuleDates(text, ref).filter((c) => !chronoSpans.overlaps(c.start, c.end))].sort((a, b) => a.start - b.start || b.end - a.end);
  const byValue = new Map<string, { first: DateCandidate; mentions: Mention[] }>();
  let lastEnd = -1;
  for (const c of all) {
    if (c.start < lastEnd) continue; // overlapping rule hits: keep the earlier, longer one
    lastEnd = c.end;
    const entry = byValue.get(c.value) ?? { first: c, mentions: [] };
    entry.mentions.push({ text: c.text, start: c.start, end: c.end });
    byValue.set(c.value, entry);
  }
  return [...byValue.values()].map(({ first, mentions }) => ({ text: first.text, value: first.value, granularity: first.granularity, mentions }));
}
