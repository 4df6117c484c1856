/**
 * The relations ATT&CK-style records carry, each from ONE sentence that states it:
 * - `uses`: group -> malware, tool or technique ("APT29 deployed Cobalt Strike", "the group used
 *   spear-phishing attachments"); malware -> technique ("the loader uses DLL side-loading");
 * - `exploits`: malware -> CVE ("the dropper exploits CVE-2017-0199"); a group -> CVE when the
 *   sentence names no malware ("Volt Typhoon exploited CVE-2024-3400");
 * - `indicates`: indicator -> malware, else group, named in the same sentence or table row
 *   ("PlugX C2 server: ipsoftwarelabs.com", "hashes of the ShadowPad samples: ...").
 * Objects are names (tools, malware), technique ids, CVE ids; an indicator is its value.
 */
import type { Relation } from '../../src/record/schema.js';
import type { Span } from './sentences.js';

export interface AttackPlaced {
  kind: string;
  key: string;
  start: number;
  end: number;
}

const USE_VERB =
  /\b(?:us(?:e|es|ed|ing)|deploy(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|rel(?:y|ies|ied|ying) on|employ(?:s|ed|ing)?|drop(?:s|ped|ping)?|install(?:s|ed|ing)?|deliver(?:s|ed|ing)?|ran|run(?:s|ning)?|abus(?:e|es|ed|ing)|launch(?:es|ed|ing)?|execut(?:e|es|ed|ing)|load(?:s|ed|ing)?|spread(?:s|ing)?|infect(?:s|ed|ing)?|via|through|with|toolkit|arsenal)\b/i;
const EXPLOIT_VERB = /\bexploit(?:s|ed|ing|ation)?\b|\bleverag(?:e|es|ed|ing)\b|\babus(?:e|es|ed|ing)\b|\btakes? advantage of\b|\bweaponi[sz](?:e|es|ed|ing)\b/i;

function nearest(list: AttackPlaced[], pos: number): AttackPlaced | undefined {
  let best: AttackPlaced | undefined;
  for (const p of list) if (!best || Math.abs(p.start - pos) < Math.abs(best.start - pos)) best = p;
  return best;
}

/** The relations above for one sentence `s` holding the placed entities `inS` (text order). */
export function attackRelations(text: string, s: Span, inS: AttackPlaced[], emit: (r: Relation) => void): void {
  const of = (kind: string) => inS.filter((p) => p.kind === kind);
  const groups = of('group');
  const malware = of('malware');
  const evidence = { start: s.start, end: s.end };
  const sText = text.slice(s.start, s.end);

  if (USE_VERB.test(sText)) {
    const used = [...malware, ...of('tool'), ...of('technique')];
    // The group the sentence is about: the nearest one before the thing used, else the nearest.
    for (const u of used) {
      const subject = groups.filter((g) => g.end <= u.start).pop() ?? nearest(groups, u.start);
      if (subject) emit({ subject: subject.key, predicate: 'uses', object: u.key, evidence });
    }
    if (!groups.length) {
      for (const t of of('technique')) {
        const m = malware.filter((x) => x.end <= t.start).pop();
        if (m) emit({ subject: m.key, predicate: 'uses', object: t.key, evidence });
      }
    }
  }

  const cves = of('cve');
  if (cves.length && EXPLOIT_VERB.test(sText)) {
    const exploiters = malware.length ? malware : groups;
    for (const c of cves) {
      const subject = exploiters.filter((x) => x.end <= c.start).pop() ?? nearest(exploiters, c.start);
      if (subject) emit({ subject: subject.key, predicate: 'exploits', object: c.key, evidence });
    }
  }

  const targets = malware.length ? malware : groups;
  for (const i of of('indicator')) {
    const object = nearest(targets, i.start);
    if (object) emit({ subject: i.key, predicate: 'indicates', object: object.key, evidence });
  }
}
