/**
 * Relations between entities, each with the ONE sentence that states it as evidence:
 * `attributed_to` (group -> country code), `targeted` (group -> company name or sector id),
 * `reported_by` (finding -> agency or company name).
 *
 * The subject of `reported_by` is the finding the sentence names: its APT group, else its
 * malware, else its CVE. A statement that names none of these ("CISA said Chinese actors broke
 * in") yields no relation: "what" would have to be invented, and a wrong record costs more
 * than a missing one.
 */
import type { Entities, Relation } from '../../src/record/schema.js';
import { attackRelations } from './relations-attack.js';
import { sentenceIndexAt, type Span } from './sentences.js';

type Kind = 'group' | 'country' | 'company' | 'agency' | 'sector' | 'malware' | 'cve' | 'tool' | 'technique' | 'indicator';
interface Placed {
  kind: Kind;
  /** What a relation names: the entity's name, sector id or country code. */
  key: string;
  start: number;
  end: number;
}

/** Right after a country: "China-backed", "Chinese nation-state group", "Russian hackers", "Russia's military intelligence service". */
const COUNTRY_CUE_AFTER =
  /^(?:-|\s)(?:(?:backed|sponsored|linked|affiliated|based|nexus|aligned)\b|(?:(?:state|government|military|intelligence|nation-state|state-sponsored|state-backed|government-backed|cyber|espionage|cyberespionage|hacking|threat|advanced persistent threat|APT)[- ]){0,3}(?:group|unit|team|hackers?|actors?|operators?|crew|gang|APT|outfit|nation-state|state-sponsored|state-backed)\b|(?:state|government|military|intelligence)-(?:backed|sponsored|linked|affiliated)\b)|^['’]s\s+(?:military\s+|state\s+|foreign\s+)?(?:intelligence|security|spy)\s+(?:agency|service|services|directorate|unit)\b/i;
/** Right before a country: "attributed the breach to China", "on behalf of Iran", "affiliated with Iran's IRGC". */
const COUNTRY_CUE_BEFORE =
  /(?:\b(?:attribut(?:ed|es|e|ing)|link(?:ed|s)?|tie[ds]?|traced|connected)\b[^.;]{0,40}?\bto|\b(?:affiliated|associated) with|\bon behalf of|\bwork(?:s|ed|ing)? for|\b(?:run|controlled|directed|operated|tasked) by|\bbacked by|\bsponsored by|\bat the behest of|\bbased in|\boperating (?:out of|from)|\bout of)\s+(?:the\s+)?$/i;
/** A verb or noun of attack; a target follows it (active) or precedes "by <group>" (passive). */
const TARGET_VERB =
  /\b(?:breach(?:ed|es|ing)?|target(?:ed|s|ing)?|compromis(?:ed|es|ing)|compromise of|hacked(?: into)?|hack(?:s|ing) into|attacked|attacking|attacks? (?:on|against)|infiltrat(?:ed|es|ing)|penetrat(?:ed|es|ing)|struck|hit|hits|broke into|break(?:s|ing)? into|spie[ds] on|spying on|intrusions? (?:into|at)|went after|gained access to|reached systems at|campaigns? against)\b/gi;
const HAS_TARGET_VERB = new RegExp(TARGET_VERB.source, 'i');
const REPORT_VERB =
  /\b(?:said|says|say|told|confirm(?:ed|s)?|report(?:ed|s)?|reveal(?:ed|s)?|warn(?:ed|s)?|disclos(?:ed|es)|announc(?:ed|es)|publish(?:ed|es)|observ(?:ed|es)|found|finds|discover(?:ed|s)|attributed|identif(?:ied|ies)|detect(?:ed|s)|wrote|assess(?:ed|es)?|stated|noted|blam(?:ed|es)|accus(?:ed|es))\b/gi;
/** Where a clause about who-said-what starts, targets stop: ", according to", ", Microsoft said". */
const REPORT_CLAUSE = /,\s*(?:according to\b|(?:the\s+)?[\p{Lu}][\p{L}&.-]*(?:\s+[\p{Lu}][\p{L}&.-]*)*\s+(?:said|says|reported|wrote|warned)\b)/u;

/** A quote's attribution ends the list of targets: '..., said Jane Doe, head of X at Acme'. */
const SPEECH = /\b(?:said|says|told|wrote|according to)\b/i;

function place(entities: Entities): Placed[] {
  const out: Placed[] = [];
  const add = (kind: Kind, key: string, list: Array<{ start: number; end: number }>) => {
    for (const m of list) out.push({ kind, key, start: m.start, end: m.end });
  };
  for (const e of entities.aptGroups) add('group', e.name, e.mentions);
  for (const e of entities.countries) add('country', e.code, e.mentions);
  for (const e of entities.companies) add('company', e.name, e.mentions);
  for (const e of entities.agencies) add('agency', e.name, e.mentions);
  for (const e of entities.sectors) add('sector', e.name, e.mentions);
  for (const e of entities.malware) add('malware', e.name, e.mentions);
  for (const e of entities.cves) add('cve', e.id, e.mentions);
  for (const e of entities.tools) add('tool', e.name, e.mentions);
  for (const e of entities.techniques) add('technique', e.id, e.mentions);
  for (const e of entities.indicators) add('indicator', e.value, e.mentions);
  return out.sort((a, b) => a.start - b.start);
}

function nearest(list: Placed[], pos: number): Placed | undefined {
  return [...list].sort((a, b) => Math.abs(a.start - pos) - Math.abs(b.start - pos))[0];
}

function attributions(text: string, s: Span, inS: Placed[], emit: (r: Relation) => void): void {
  const groups = inS.filter((p) => p.kind === 'group');
  if (!groups.length) return;
  for (const c of inS.filter((p) => p.kind === 'country')) {
    const after = text.slice(c.end, Math.min(s.end, c.end + 40));
    const before = text.slice(Math.max(s.start, c.start - 80), c.start);
    if (!COUNTRY_CUE_AFTER.test(after) && !COUNTRY_CUE_BEFORE.test(before)) continue;
    const g = nearest(groups, c.start)!;
    emit({ subject: g.key, predicate: 'attributed_to', object: c.key, evidence: { start: s.start, end: s.end } });
  }
}

/** A company right before a reporting verb or after "according to" is a source, not a victim. */
function isSource(text: string, p: Placed, s: Span): boolean {
  return /^\s*(?:said|says|reported|wrote|told|warned|confirmed|noted|found|observed)\b/.test(text.slice(p.end, s.end)) ||
    /\baccording to\s+(?:the\s+)?$/i.test(text.slice(Math.max(s.start, p.start - 20), p.start));
}

function targets(text: string, s: Span, inS: Placed[], emit: (r: Relation) => void): Set<Placed> {
  const victims = new Set<Placed>();
  const groups = inS.filter((p) => p.kind === 'group');
  if (!groups.length) return victims;
  const sText = text.slice(s.start, s.end);
  for (const v of sText.matchAll(TARGET_VERB)) {
    const vStart = s.start + v.index;
    const vEnd = vStart + v[0].length;
    const passive = /^\s+by\s+(?:the\s+)?$/.exec(text.slice(vEnd, vEnd + 8)) || /^\s+by\b/.test(text.slice(vEnd));
    let subject: Placed | undefined;
    let candidates: Placed[];
    if (passive) {
      subject = groups.find((g) => g.start >= vEnd && g.start - vEnd < 12);
      candidates = inS.filter((p) => p.end <= vStart);
    } else {
      subject = groups.filter((g) => g.end <= vStart).pop();
      const tail = text.slice(vEnd, s.end);
      const clause = REPORT_CLAUSE.exec(tail) ?? SPEECH.exec(tail);
      const stop = clause ? vEnd + clause.index : s.end;
      candidates = inS.filter((p) => p.start >= vEnd && p.end <= stop);
    }
    if (!subject) continue;
    for (const p of candidates) {
      if ((p.kind !== 'company' && p.kind !== 'sector') || isSource(text, p, s)) continue;
      victims.add(p);
      emit({ subject: subject.key, predicate: 'targeted', object: p.key, evidence: { start: s.start, end: s.end } });
    }
  }
  return victims;
}

function reports(text: string, s: Span, inS: Placed[], victims: Set<Placed>, emit: (r: Relation) => void): void {
  const finding = inS.find((p) => p.kind === 'group') ?? inS.find((p) => p.kind === 'malware') ?? inS.find((p) => p.kind === 'cve');
  if (!finding) return;
  const sources = inS.filter((p) => (p.kind === 'agency' || p.kind === 'company') && !victims.has(p));
  const sText = text.slice(s.start, s.end);
  const verbs = [...sText.matchAll(REPORT_VERB)].map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length }));
  const according = /\baccording to\b/i.test(sText);
  if (!verbs.length && !according) return;
  const firstVerb = verbs[0]?.start ?? s.end;
  for (const p of sources) {
    const beforeVerb = p.end <= firstVerb && !HAS_TARGET_VERB.test(text.slice(p.end, firstVerb));
    const afterVerb = verbs.some((v) => p.start >= v.end && /^\s*(?:the\s+)?$/i.test(text.slice(v.end, p.start)));
    if (beforeVerb || afterVerb || isSource(text, p, s)) {
      emit({ subject: finding.key, predicate: 'reported_by', object: p.key, evidence: { start: s.start, end: s.end } });
    }
  }
}

/** All relations the text states, each once (first evidence kept). */
export function findRelations(text: string, sentences: Span[], entities: Entities): Relation[] {
  const bySentence = new Map<number, Placed[]>();
  for (const p of place(entities)) {
    const i = sentenceIndexAt(sentences, p.start);
    if (i < 0 || p.end > sentences[i]!.end) continue;
    const list = bySentence.get(i) ?? [];
    list.push(p);
    bySentence.set(i, list);
  }
  const out: Relation[] = [];
  const seen = new Set<string>();
  const emit = (r: Relation) => {
    const k = `${r.subject}\u0000${r.predicate}\u0000${r.object}`;
    if (seen.has(k) || r.subject === r.object) return;
    seen.add(k);
    out.push(r);
  };
  for (const [i, inS] of [...bySentence].sort((a, b) => a[0] - b[0])) {
    const s = sentences[i]!;
    attributions(text, s, inS, emit);
    const victims = targets(text, s, inS, emit);
    reports(text, s, inS, victims, emit);
    attackRelations(text, s, inS, emit);
  }
  return out;
}
