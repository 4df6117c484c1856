/**
 * Entity orchestration: runs every entity finder once over the article text, settles spans that
 * two finders both claim, and derives the relations. Pure and deterministic for the same input.
 */
import type { AptGroup, Entities, Mention, Relation } from '../../src/record/schema.js';
import { findCves } from './cves.js';
import { findDates } from './dates.js';
import { findIndicators } from './indicators/index.js';
import { attackGroupId } from './attack/data.js';
import { findTechniques, tacticSpans } from './attack/techniques.js';
import { findTools, toolKeys } from './attack/tools.js';
import { tokenize } from './matcher.js';
import { findNamedEntities } from './named.js';
import { findPeople } from './people.js';
import { findRelations } from './relations.js';
import { findSectors } from './sectors.js';
import { splitSentences, type Span } from './sentences.js';
import { createSpanIndex } from './spans.js';

export interface EntityOptions {
  /** ISO 8601 date-time that relative dates resolve against (publishedAt, else fetchedAt). */
  referenceDate?: string | null;
  /** The article's URL and canonical URL: the publisher's own domains are no indicators. */
  ownUrls?: ReadonlyArray<string | null | undefined>;
}

export interface EntityResult {
  entities: Entities;
  relations: Relation[];
}

const spansOf = (list: ReadonlyArray<{ mentions: Mention[] }>): Span[] => list.flatMap((e) => e.mentions);

/** Drop the mentions that overlap `blockers`, then the entities left with none. */
function without<T extends { mentions: Mention[] }>(list: T[], blockers: readonly Span[]): T[] {
  if (!blockers.length) return list;
  const index = createSpanIndex(blockers);
  return list.map((e) => ({ ...e, mentions: e.mentions.filter((m) => !index.overlaps(m.start, m.end)) })).filter((e) => e.mentions.length > 0);
}

/**
 * Mentions in text order, each place once, and only those whose offsets hold
 * (`text.slice(start, end) === text`): the record's contract, kept here rather than hoped for.
 */
function tidy<T extends { mentions: Mention[] }>(list: T[], text: string): T[] {
  return list
    .map((e) => {
      const seen = new Set<string>();
      const mentions = [...e.mentions]
        .sort((a, b) => a.start - b.start || a.end - b.end)
        .filter((m) => {
          const key = `${m.start}:${m.end}`;
          if (seen.has(key) || m.end <= m.start || text.slice(m.start, m.end) !== m.text) return false;
          seen.add(key);
          return true;
        });
      return { ...e, mentions };
    })
    .filter((e) => e.mentions.length > 0);
}

/**
 * Every entity type and the relations between them.
 *
 * @example
 * const { entities, relations } = extractEntities(record.text, { referenceDate: record.publishedAt });
 */
export function extractEntities(text: string, options: EntityOptions = {}): EntityResult {
  const sentences = splitSentences(text);
  const tokens = tokenize(text); // one tokenization for the gazetteer and ATT&CK matchers
  const named = findNamedEntities(text, tokens);
  const cves = findCves(text);

  // People: never an agency, group, place, malware family or CVE. Against a company, a person
  // with a stated role wins ("Halberd Labs research director Maria Okonkwo"); without one, the company does.
  const hardBlocks = [...spansOf(named.agencies), ...spansOf(named.aptGroups), ...spansOf(named.countries), ...spansOf(named.malware), ...spansOf(cves)];
  const companySpans = createSpanIndex(spansOf(named.companies));
  const people = findPeople(text, sentences, hardBlocks).flatMap((p) => {
    if (p.role) return [p];
    const mentions = p.mentions.filter((m) => !companySpans.overlaps(m.start, m.end));
    return mentions.length ? [{ ...p, mentions }] : [];
  });
  const companies = without(named.companies, spansOf(people));

  const indicators = findIndicators(text, { ownUrls: options.ownUrls });
  // An address, a host or a hash holds no date or sector ("2024.05.17.cc"); a file name may
  // ("report 16 October 2020.xls" is cut at its spaces), so file names block nothing.
  const nameSpans = [...hardBlocks, ...spansOf(companies), ...spansOf(people), ...spansOf(indicators.filter((i) => i.type !== 'filename'))];
  // A sector word inside a name ("Bank of America", "Verizon Communications") belongs to the name.
  const sectors = without(findSectors(text, tokens), nameSpans);
  // No dates out of ids and names ("Storm-2035", "CVE-2024-3400", "Windows Server 2019" if a product).
  const dates = without(findDates(text, { referenceDate: options.referenceDate ?? null, sentences }), nameSpans).map((d) => ({
    ...d,
    text: d.mentions[0]!.text, // the first wording that survived
  }));

  // ATT&CK: tools apart from malware (a name ATT&CK or our tool list calls a tool is no malware),
  // techniques by id and name, groups with their G-id; a tactic id (TA0001) is never a group.
  const tools = findTools(tokens);
  const techniques = findTechniques(text, tokens);
  const isTool = toolKeys();
  const malware = without(
    named.malware.filter((m) => ![m.name, ...m.aliases].some((n) => isTool.has(n.toLowerCase()))),
    spansOf(tools),
  );
  const aptGroups = without(named.aptGroups, tacticSpans(text)).map((g) => {
    const attackId = g.attackId ?? attackGroupId([g.name, ...g.aliases]);
    return attackId ? { ...g, attackId } : g;
  });

  const entities: Entities = {
    agencies: tidy(named.agencies, text),
    aptGroups: tidy(aptGroups, text),
    companies: tidy(companies, text),
    sectors: tidy(sectors, text),
    dates: tidy(dates, text),
    countries: tidy(named.countries, text),
    people: tidy(people, text),
    cves: tidy(cves, text),
    malware: tidy(malware, text),
    tools: tidy(tools, text),
    techniques: tidy(techniques, text),
    indicators: tidy(indicators, text),
  };
  const relations = findRelations(text, sentences, entities);
  return { entities: { ...entities, aptGroups: statedByRelation(entities.aptGroups, relations) }, relations };
}

/**
 * A group the text attributes in a sentence (an `attributed_to` relation) has a stated country,
 * whatever the gazetteer knows: the record must not say "stated" in one place and "gazetteer" in another.
 */
function statedByRelation(groups: AptGroup[], relations: Relation[]): AptGroup[] {
  return groups.map((g) => {
    if (g.attribution === 'stated') return g;
    const r = relations.find((x) => x.predicate === 'attributed_to' && x.subject === g.name);
    return r ? { ...g, country: r.object, attribution: 'stated' } : g;
  });
}
