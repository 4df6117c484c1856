/**
 * The article record: newsint's contract with downstream consumers (schemaVersion 1).
 * Field names are fixed by DESIGN.md; add fields freely, never rename or repurpose one
 * without bumping SCHEMA_VERSION. TypeScript types are inferred from these schemas.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), {
  message: 'must be an ISO 8601 date-time',
});

/** A place in `text`: `text.slice(start, end) === text` always holds. */
export const MentionSchema = z.object({
  text: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

const mentions = z.array(MentionSchema);
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');

/**
 * How a name was found: a gazetteer entry (a known name), or a cue in the text ("dubbed X",
 * "researchers at X") that names something no list knows yet. Consumers weigh the two apart.
 */
export const EntitySourceSchema = z.enum(['gazetteer', 'cue']);

/** ATT&CK ids: G0007 (group), S0154 (software), T1566.001 (technique), TA0001 (tactic). */
const attackGroupId = z.string().regex(/^G\d{4}$/);
const attackSoftwareId = z.string().regex(/^S\d{4}$/);

export const AgencySchema = z.object({
  name: z.string().min(1),
  fullName: z.string().nullable(),
  country: iso2.nullable(),
  aliases: z.array(z.string()).default([]),
  /** "cue": found by its pattern ("Ministry of ...", "the Chinese government"), not a listed agency. */
  source: EntitySourceSchema.optional(),
  mentions,
});

export const AptGroupSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()),
  country: iso2.nullable(),
  /** Where `country` came from: the article says so, or the gazetteer does. */
  attribution: z.enum(['stated', 'gazetteer']).nullable(),
  /** ATT&CK group id where ATT&CK knows the group. */
  attackId: attackGroupId.optional(),
  mentions,
});

export const CompanySchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  source: EntitySourceSchema.optional(),
  mentions,
});

/** One of CISA's 16 critical-infrastructure sectors, by id. */
export const SECTOR_IDS = [
  'chemical',
  'commercial-facilities',
  'communications',
  'critical-manufacturing',
  'dams',
  'defense-industrial-base',
  'emergency-services',
  'energy',
  'financial-services',
  'food-and-agriculture',
  'government-services-and-facilities',
  'healthcare-and-public-health',
  'information-technology',
  'nuclear-reactors-materials-and-waste',
  'transportation-systems',
  'water-and-wastewater',
] as const;

export const SectorSchema = z.object({
  name: z.enum(SECTOR_IDS),
  label: z.string().min(1),
  mentions,
});

export const DateSchema = z.object({
  /** The expression as the article words it first ("last month"). */
  text: z.string().min(1),
  /** ISO 8601: a date ("2024-11-13"), month ("2024-10"), year ("2024"), or duration ("P5Y"). */
  value: z.string().min(1),
  granularity: z.enum(['day', 'week', 'month', 'quarter', 'year', 'decade', 'duration']),
  mentions,
});

export const CountrySchema = z.object({
  code: iso2,
  name: z.string().min(1),
  mentions,
});

export const PersonSchema = z.object({
  name: z.string().min(1),
  role: z.string().nullable(),
  source: EntitySourceSchema.optional(),
  mentions,
});

export const CveSchema = z.object({
  /** Normalized `CVE-YYYY-NNNN`. */
  id: z.string().regex(/^CVE-\d{4}-\d{4,}$/),
  mentions,
});

export const MalwareSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  source: EntitySourceSchema.optional(),
  /** ATT&CK software id where ATT&CK knows the family. */
  attackId: attackSoftwareId.optional(),
  mentions,
});

/** Legitimate or dual-use software used by attackers (ATT&CK's "tool"), kept apart from malware. */
export const ToolSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  attackId: attackSoftwareId.nullable(),
  mentions,
});

export const ATTACK_TACTICS = [
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  // ATT&CK v18 split defense evasion into these two; records name whichever the technique carries.
  'stealth',
  'defense-impairment',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
] as const;

/** An ATT&CK (enterprise) technique or sub-technique named by id or by name. */
export const TechniqueSchema = z.object({
  id: z.string().regex(/^T\d{4}(\.\d{3})?$/),
  name: z.string().min(1),
  tactics: z.array(z.enum(ATTACK_TACTICS)),
  mentions,
});

export const INDICATOR_TYPES = [
  'ipv4',
  'ipv6',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'filename',
  'registry-key',
  'bitcoin-address',
] as const;

/** An observable the article gives as an indicator: `value` refanged and normalized. */
export const IndicatorSchema = z.object({
  type: z.enum(INDICATOR_TYPES),
  value: z.string().min(1),
  /** True when the article wrote it defanged (`hxxp`, `[.]`, ...). */
  defanged: z.boolean(),
  mentions,
});

export const EntitiesSchema = z.object({
  agencies: z.array(AgencySchema),
  aptGroups: z.array(AptGroupSchema),
  companies: z.array(CompanySchema),
  sectors: z.array(SectorSchema),
  dates: z.array(DateSchema),
  countries: z.array(CountrySchema),
  people: z.array(PersonSchema),
  cves: z.array(CveSchema),
  malware: z.array(MalwareSchema),
  tools: z.array(ToolSchema),
  techniques: z.array(TechniqueSchema),
  indicators: z.array(IndicatorSchema),
});

export const RelationSchema = z.object({
  subject: z.string().min(1),
  predicate: z.enum(['attributed_to', 'targeted', 'reported_by', 'uses', 'exploits', 'indicates']),
  object: z.string().min(1),
  /** The sentence that states it, as offsets into `text`. */
  evidence: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
});

export const ArticleRecordSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** sha256 hex of canonicalUrl, or of text when there is no URL. */
    id: z.string().regex(/^[0-9a-f]{64}$/),
    url: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
    fetchedAt: isoDateTime.nullable(),
    extractedAt: isoDateTime,
    title: z.string().nullable(),
    authors: z.array(z.string()),
    publishedAt: isoDateTime.nullable(),
    modifiedAt: isoDateTime.nullable(),
    siteName: z.string().nullable(),
    language: z.string().nullable(),
    text: z.string(),
    wordCount: z.number().int().nonnegative(),
    entities: EntitiesSchema,
    relations: z.array(RelationSchema),
  })
  .superRefine((record, ctx) => {
    // The offsets promise is the part consumers rely on most; check it on every record.
    for (const [type, list] of Object.entries(record.entities)) {
      (list as Array<{ mentions: Mention[] }>).forEach((entity, i) => {
        entity.mentions.forEach((m, j) => {
          if (m.end < m.start || record.text.slice(m.start, m.end) !== m.text) {
            ctx.addIssue({
              code: 'custom',
              path: ['entities', type, i, 'mentions', j],
              message: `mention "${m.text}" does not match text.slice(${m.start}, ${m.end})`,
            });
          }
        });
      });
    }
    record.relations.forEach((r, i) => {
      if (r.evidence.end < r.evidence.start || r.evidence.end > record.text.length) {
        ctx.addIssue({ code: 'custom', path: ['relations', i, 'evidence'], message: 'evidence is outside text' });
      }
    });
  });

export type Mention = z.infer<typeof MentionSchema>;
export type Agency = z.infer<typeof AgencySchema>;
export type AptGroup = z.infer<typeof AptGroupSchema>;
export type Company = z.infer<typeof CompanySchema>;
export type SectorId = (typeof SECTOR_IDS)[number];
export type Sector = z.infer<typeof SectorSchema>;
export type DateEntity = z.infer<typeof DateSchema>;
export type Country = z.infer<typeof CountrySchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Cve = z.infer<typeof CveSchema>;
export type Malware = z.infer<typeof MalwareSchema>;
export type EntitySource = z.infer<typeof EntitySourceSchema>;
export type Tool = z.infer<typeof ToolSchema>;
export type Technique = z.infer<typeof TechniqueSchema>;
export type AttackTactic = (typeof ATTACK_TACTICS)[number];
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Entities = z.infer<typeof EntitiesSchema>;
export type Relation = z.infer<typeof RelationSchema>;
export type ArticleRecord = z.infer<typeof ArticleRecordSchema>;

export function emptyEntities(): Entities {
  return {
    agencies: [],
    aptGroups: [],
    companies: [],
    sectors: [],
    dates: [],
    countries: [],
    people: [],
    cves: [],
    malware: [],
    tools: [],
    techniques: [],
    indicators: [],
  };
}

// The published JSON Schema (`newsint schema`) is made from ArticleRecordSchema in json-schema.ts.
