import { describe, expect, it } from 'vitest';
import { candidateNames, classifyMiss, commonTerm, cued, type ListType } from '../eval/ceiling-classes.js';
import type { GoldSpan } from '../eval/score.js';

/** The gold span of `name` (its first occurrence) in `text`. */
const span = (text: string, name: string, type = 'malware'): GoldSpan => {
  const start = text.indexOf(name);
  return { type, text: name, start, end: start + name.length, original_label: type.toUpperCase() };
};
const classOf = (type: ListType, text: string, name: string, otherTypes: ListType[] = []) => classifyMiss(type, [span(text, name)], text, false, otherTypes);

describe('entity ceiling (eval:entity-ceiling): the class of a missed gold name, on hand-written text', () => {
  it('reaches a name of a public list, and a new name the text introduces by a cue', () => {
    expect(classOf('malware', 'The intruders then ran PlugX on two servers.', 'PlugX')).toBe('public list');
    expect(classOf('malware', 'Analysts found a new loader dubbed Quillfrost on the hosts.', 'Quillfrost')).toBe('cue in the text');
    expect(classOf('malware', 'Later the Brackenfell (a backdoor) phoned home.', 'Brackenfell')).toBe('cue in the text');
    expect(classOf('apt', 'The Glassmoth group sent the lures.', 'Glassmoth')).toBe('cue in the text');
    expect(classOf('org', 'A lab at Brightwater University saw the traffic first.', 'Brightwater University')).toBe('cue in the text');
    expect(classOf('org', 'Analysts in the Harbor Threat Research (HTR) team wrote it up; HTR then shared it.', 'HTR')).toBe('cue in the text');
  });

  it('tells a name of another type, a generic phrase, a link and a name nothing supports', () => {
    expect(classOf('malware', 'The operators behind APT28 reused the server.', 'APT28', ['apt', 'org', 'country'])).toBe('other entity type');
    expect(classOf('malware', 'The lure came as PDF attachments by mail.', 'PDF attachments')).toBe('generic phrase');
    expect(classOf('org', 'The figure ![](https://quarrylabs.io/img/1.png) shows it.', 'quarrylabs')).toBe('inside a link');
    expect(classOf('malware', 'Then Zorblat retrieves the files every night.', 'Zorblat')).toBe('no list, no cue');
  });

  it('reads sector spans by the CISA terms they hold and how they are used', () => {
    const text = 'Its banking trojan hit the water utilities, the Ministry of Defense and critical infrastructure.';
    const sector = (name: string) => classifyMiss('sector', [span(text, name, 'sector')], text, false, ['org']);
    expect(sector('water utilities')).toBe('public list');
    expect(sector('banking')).toBe('generic phrase');
    expect(sector('Ministry of Defense')).toBe('other entity type');
    expect(sector('critical infrastructure')).toBe('not a CISA sector');
  });

  it('finds the names inside a wider span and knows words of the trade', () => {
    expect(candidateNames('the Lurkmoor banking trojan')).toContain('Lurkmoor');
    expect(commonTerm('PowerShell scripts')).toBe(true);
    expect(commonTerm('Weeping Angel')).toBe(false);
    // A cue counts for the name as written: "glassmoth group" in lower case introduces no "Glassmoth".
    expect(cued('apt', 'Glassmoth', 'the glassmoth group')).toBe(false);
  });
});
