import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';
import { EntitiesSchema } from '../../src/record/schema.js';

describe('how a name was found (source)', () => {
  const text =
    'Analysts at Quillfeather Systems Inc. said the intruders loaded PlugX first. Weeks later they dropped ' +
    'a previously unseen backdoor the team dubbed Murkvane onto the same hosts. Said Priya Raman, a researcher ' +
    'at Microsoft: the operators reused old infrastructure.';
  const { entities } = extractEntities(text);

  it('marks gazetteer names and cue-found names apart on companies, malware and people', () => {
    expect(() => EntitiesSchema.parse(entities)).not.toThrow();
    const malware = Object.fromEntries(entities.malware.map((m) => [m.name, m]));
    expect(malware.PlugX?.source).toBe('gazetteer');
    expect(malware.Murkvane?.source).toBe('cue');
    const companies = Object.fromEntries(entities.companies.map((c) => [c.name, c.source]));
    expect(companies.Microsoft).toBe('gazetteer');
    expect(companies['Quillfeather Systems Inc.']).toBe('cue');
    expect(entities.people.map((p) => [p.name, p.source])).toEqual([['Priya Raman', 'cue']]);
    for (const list of [entities.companies, entities.malware, entities.people]) for (const e of list) expect(e.source).toBeDefined();
  });

  it('carries the ATT&CK software id of a family ATT&CK knows', () => {
    expect(entities.malware.find((m) => m.name === 'PlugX')?.attackId).toMatch(/^S\d{4}$/);
    expect(entities.malware.find((m) => m.name === 'Murkvane')?.attackId).toBeUndefined();
  });
});
