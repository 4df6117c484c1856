/**
 * Date expressions chrono-node does not parse, found with rules: bare years ("in 2023",
 * "mid-2019"), year ranges, decades ("the 1990s"), quarters ("Q3 2024") and durations
 * ("at least five years" -> P5Y). Precise first: product names, counts and ids are not years.
 */
import type { DateCandidate } from './date-types.js';

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20, thirty: 30,
  'a dozen': 12, 'a couple of': 2,
};

/** Words that make a neighbouring 4-digit number a count or an id, not a year. */
const NOT_YEAR_BEFORE = new Set([
  'port', 'ports', 'version', 'v', 'build', 'id', 'pid', 'number', 'no', 'code', 'error', 'event', 'line', 'step', 'tcp',
  'udp', 'rule', 'sample', 'item', 'top', 'approximately', 'nearly', 'almost', 'about', 'over', 'than',
  'only', 'some', 'roughly', 'total',
]);
const NOT_YEAR_AFTER = new Set([
  'devices', 'machines', 'hosts', 'users', 'bytes', 'files', 'samples', 'times', 'computers', 'servers', 'accounts',
  'victims', 'people', 'employees', 'customers', 'records', 'domains', 'ips', 'addresses', 'emails', 'messages',
  'lines', 'points', 'dollars', 'usd', 'euros', 'pounds', 'requests', 'connections', 'packets', 'instances',
  'endpoints', 'credentials', 'passwords', 'ms', 'kb', 'mb', 'gb', 'tb', 'bits', 'rows', 'entries', 'events', 'alerts',
  'members', 'sites', 'websites', 'pages', 'apps', 'applications', 'ports', 'nodes', 'bots', 'organizations',
  'companies', 'networks', 'routers', 'systems', 'characters',
]);
/** Capitalized words that may stand before a year; any other ("Windows Server 2019") makes it a product. */
const YEAR_LEADERS = new Set([
  'in', 'since', 'by', 'from', 'during', 'until', 'of', 'before', 'after', 'between', 'early', 'late', 'mid', 'the',
  'through', 'around', 'circa', 'summer', 'winter', 'spring', 'fall', 'autumn', 'throughout', 'starting', 'beginning',
  'end', 'as', 'for', 'year', 'calendar', 'fiscal', 'till', 'and', 'or', 'to', 'across', 'within', 'into',
]);
/** Modifiers that belong to the expression: "late 2016", "mid-2019", "the end of 2023". */
const MODIFIER_BEFORE = /(?:\b(?:early|earlier|late|later|mid|middle of|end of|beginning of|start of|summer of|fall of|spring of|winter of|summer|fall|spring|winter)(?:\s+|-))$/i;

const YEAR = /(?<![\p{L}\p{N}$€£#@_/\\:.,])((?:1[89]|20)\d\d)(?![\p{L}\p{N}%_]|[-–—/.:,]\d)/gu;
const YEAR_RANGE = /(?<![\p{L}\p{N}$€£#@_/\\:.,-])((?:1[89]|20)\d\d)\s?[-–—]\s?((?:1[89]|20)\d\d|\d\d)(?![\p{L}\p{N}%_]|[-–—/.:,]\d)/gu;
const DECADE = /(?<![\p{L}\p{N}'’-])((?:1[89]|20)\d)0s\b/gu;
const QUARTER = /\b(?:Q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+of|,)?(?:\s+((?:19|20)\d\d))?\b/g;
const DURATION =
  /\b(?:(?:at least|more than|over|nearly|almost|about|around|roughly|approximately|up to|less than|fewer than|some)\s+)?(?:(?:the\s+)?(?:past|last|previous|next|coming)\s+)?(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|thirty|a dozen|a couple of)\s+(minutes?|hours?|days?|weeks?|months?|years?|decades?)\b/gi;
/** After these a span of time is a point ("two weeks ago", chrono's job) or unresolvable ("later"). */
const NOT_DURATION_AFTER = /^[\s-]*(?:ago|old|later|earlier|from now|in prison|-long|long)\b/i;

const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

const RELATIVE_WEEK = /\b(this|last|past|previous|next)\s+week\b/gi;
const WEEK_OFFSET: Record<string, number> = { this: 0, last: -7, past: -7, previous: -7, next: 7 };

/** ISO 8601 week of a calendar day: "2024-W46". */
export function isoWeek(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function wordBefore(text: string, pos: number): string {
  const m = /([\p{L}\p{N}]+)[\s-]*$/u.exec(text.slice(Math.max(0, pos - 30), pos));
  return m?.[1] ?? '';
}
function wordAfter(text: string, pos: number): string {
  const m = /^\s+([\p{L}\p{N}]+)/u.exec(text.slice(pos, pos + 30));
  return m?.[1] ?? '';
}

function withModifier(text: string, start: number): number {
  const m = MODIFIER_BEFORE.exec(text.slice(Math.max(0, start - 25), start));
  return m ? start - m[0].length : start;
}

/** Is the 4-digit number at [start, end) used as a year here? */
function looksLikeYear(text: string, start: number, end: number, maxYear: number): boolean {
  const year = Number(text.slice(start, end));
  if (year < 1900 || year > maxYear) return false;
  const before = wordBefore(text, start);
  if (before) {
    const lower = before.toLowerCase();
    const isMonth = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(before);
    if (NOT_YEAR_BEFORE.has(lower)) return false;
    if (/^\p{Lu}/u.test(before) && !YEAR_LEADERS.has(lower) && !isMonth) return false;
  }
  if (NOT_YEAR_AFTER.has(wordAfter(text, end).toLowerCase())) return false;
  return true;
}

function durationValue(count: number, unit: string): string {
  const u = unit.toLowerCase().replace(/s$/, '');
  if (u === 'minute') return `PT${count}M`;
  if (u === 'hour') return `PT${count}H`;
  if (u === 'decade') return `P${count * 10}Y`;
  return `P${count}${u === 'year' ? 'Y' : u === 'month' ? 'M' : u === 'week' ? 'W' : 'D'}`;
}

/**
 * Rule-based candidates. `refYear`/`refQuarter` come from the reference date; without it, a
 * quarter with no year is skipped (the output must not depend on the clock).
 */
export function findRuleDates(text: string, ref: Date | null): DateCandidate[] {
  const out: DateCandidate[] = [];
  const maxYear = (ref ? ref.getUTCFullYear() : 2100) + 30;
  const push = (start: number, end: number, value: string, granularity: DateCandidate['granularity']) =>
    out.push({ start, end, text: text.slice(start, end), value, granularity });

  for (const m of text.matchAll(YEAR_RANGE)) {
    const a = m[1]!;
    const b = m[2]!.length === 2 ? a.slice(0, 2) + m[2]! : m[2]!;
    const aEnd = m.index + a.length;
    if (Number(b) <= Number(a) || !looksLikeYear(text, m.index, aEnd, maxYear) || Number(b) > maxYear) continue;
    push(withModifier(text, m.index), aEnd, a, 'year');
    push(m.index + m[0].length - m[2]!.length, m.index + m[0].length, b, 'year');
  }
  for (const m of text.matchAll(YEAR)) {
    const end = m.index + m[0].length;
    // "mid-2019" is a year with a modifier; any other hyphen before it is an id ("APT-2019").
    const start = withModifier(text, m.index);
    if (text[m.index - 1] === '-' && start === m.index) continue;
    if (!looksLikeYear(text, m.index, end, maxYear)) continue;
    push(start, end, m[1]!, 'year');
  }
  for (const m of text.matchAll(DECADE)) {
    push(m.index, m.index + m[0].length, m[1]!, 'decade');
  }
  for (const m of text.matchAll(QUARTER)) {
    const q = m[1] ? Number(m[1]) : QUARTER_WORDS[m[2]!.toLowerCase()]!;
    let year = m[3] ? Number(m[3]) : null;
    if (year === null) {
      if (!ref || (m[1] && !/\b(?:in|during|the)\s+$/i.test(text.slice(Math.max(0, m.index - 10), m.index)))) continue;
      year = ref.getUTCFullYear();
      if (q > Math.floor(ref.getUTCMonth() / 3) + 1) year -= 1; // news looks back
    }
    push(m.index, m.index + m[0].length, `${year}-Q${q}`, 'quarter');
  }
  if (ref) {
    for (const m of text.matchAll(RELATIVE_WEEK)) {
      const day = new Date(ref.getTime() + WEEK_OFFSET[m[1]!.toLowerCase()]! * 86_400_000);
      push(m.index, m.index + m[0].length, isoWeek(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()), 'week');
    }
  }
  for (const m of text.matchAll(DURATION)) {
    const end = m.index + m[0].length;
    if (NOT_DURATION_AFTER.test(text.slice(end, end + 15))) continue;
    if (/[\p{N}$€£.,]$/u.test(text.slice(Math.max(0, m.index - 1), m.index)) || text[end] === '-') continue;
    const n = m[1]!.toLowerCase();
    const count = /^\d+$/.test(n) ? Number(n) : NUMBER_WORDS[n];
    if (!count) continue;
    push(m.index, end, durationValue(count, m[2]!), 'duration');
  }
  return out;
}
