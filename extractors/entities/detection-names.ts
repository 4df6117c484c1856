/**
 * Antivirus detection names as malware names: "Trojan.Win32.Agent.xyz", "Ransom.Ryuk",
 * "Trojan:Win32/Emotet.A", "Backdoor.APT.FakeHelper" (the CARO-style schemes most vendors share) and
 * Trend Micro's "TROJ_FOO.A", "BKDR_BAR.B", "OSX_DOK.C". A vendor names a new family this way before
 * any gazetteer lists it. One regex pass over the text; the name is kept whole, as the vendor wrote it.
 */
import type { NamedSpan } from './gazetteer.js';
import type { Tokens } from './matcher.js';

/** CARO-style type prefixes: the first part of a detection name says what kind of malware it is. */
const CARO = String.raw`(?:Trojan|TrojanDownloader|TrojanDropper|TrojanSpy|TrojanProxy|Backdoor|Ransom|Ransomware|Worm|Virus|Exploit|HackTool|Hacktool|PWS|PSW|Spyware|Downloader|Dropper|Infostealer|Rootkit|Keylogger|Bot|Coinminer)`;
/** Trend Micro's prefixes: kind or platform, then "_" and the family in capitals. */
const TREND = String.raw`(?:TROJ|TROJ64|BKDR|BKDR64|TSPY|TSPY64|WORM|RANSOM|HKTL|W2KM|X97M|W97M|O97M|P97M|JS|VBS|ELF|OSX|ANDROIDOS|BAT|LNK|PS1|JAVA|SWF|PDF|HTML|Coinminer)`;
const DETECTION_RE = new RegExp(
  String.raw`(?<![\w.:/-])(?:${CARO}(?:[.:/][A-Za-z0-9][A-Za-z0-9_-]*){1,4}(?:![a-z0-9]+)?|${TREND}_[A-Z0-9][A-Za-z0-9]*(?:\.[A-Za-z0-9]+){0,2})(?![\w/-]|\.\w)`,
  'g',
);

/** Parts that name a platform or a generic bucket, never the family: "Trojan.Win32" alone names nothing. */
const NOT_FAMILY = new Set(
  'win32 win64 msil linux android osx macos js vbs script powershell o97m w97m x97m html pdf java python generic gen heur agent apt multi unix php asp'.split(' '),
);

/** Words that open a sentence: after a dot with no space they mean a typo, not a family. */
const SENTENCE_WORDS = new Set('the this that these those it its in on at we they he she a an as and or but if for to of is was our all after when while then'.split(' '));

/** Detection names in the text, as malware spans aligned to `tokens` (none where a token is `taken`). */
export function findDetectionNames(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  for (const m of tokens.text.matchAll(DETECTION_RE)) {
    const parts = m[0].split(/[.:/_!]/).slice(1);
    // "Trojan.Win32", "Backdoor.Generic": a detection name must name something beyond kind and platform.
    if (!parts.some((p) => p.length >= 2 && !NOT_FAMILY.has(p.toLowerCase()) && !/^\d+$/.test(p))) continue;
    // "the Backdoor.The maldoc": a missing space before a sentence, not a detection name.
    if (parts.length === 1 && SENTENCE_WORDS.has(parts[0]!.toLowerCase())) continue;
    const start = m.index;
    const end = start + m[0].length;
    const first = lowerBound(tokens.start, start);
    let last = first;
    while (last < tokens.key.length && tokens.end[last]! <= end) last++;
    if (tokens.start[first] !== start || tokens.end[last - 1] !== end) continue;
    let free = true;
    for (let k = first; k < last; k++) if (taken[k]) free = false;
    if (free) out.push({ start, end, text: m[0], tokenStart: first, tokenEnd: last, kind: 'malware', id: null });
  }
  return out;
}

function lowerBound(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
