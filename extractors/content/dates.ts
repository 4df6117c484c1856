/**
 * Dates written for readers ("Published on July 18, 2025", "Mar 27, 2024 • 5 min read"):
 * the last resort for a page that states its date only in visible text.
 */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const MDY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** A dateline is short; a date inside a longer block is a sentence about something else. */
export const MAX_DATELINE_TEXT = 80;

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d) return null;
  return back.toISOString().slice(0, 10);
}

/** The calendar day a short visible text states, as YYYY-MM-DD, or null. */
export function visibleDate(text: string): string | null {
  if (text.length > MAX_DATELINE_TEXT || !/\d{4}/.test(text)) return null;
  let m = MDY.exec(text);
  if (m) return iso(Number(m[3]), MONTHS[m[1]!.toLowerCase().replace('.', '')] ?? 0, Number(m[2]));
  m = DMY.exec(text);
  if (m) return iso(Number(m[3]), MONTHS[m[2]!.toLowerCase().replace('.', '')] ?? 0, Number(m[1]));
  m = ISO.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}
