import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

/** [name, country, attribution] of each group the real entry point finds. */
const groups = (text: string) => extractEntities(text).entities.aptGroups.map((g) => [g.name, g.country, g.attribution]);

describe('the country an article attributes a group to', () => {
  it('reads a sponsor named after a cue word later in the sentence', () => {
    expect(groups('Analysts believe Storm-9871 is an espionage crew aligned with Iranian state interests.')).toEqual([['Storm-9871', 'IR', 'stated']]);
  });

  it('takes no sponsor from a country past the cue, the window, or the sentence', () => {
    // The cue is followed by other words before the country: the country is a victim's.
    expect(groups('Storm-9871 is linked to phishing that hit Iranian state media.')).toEqual([['Storm-9871', null, null]]);
    // Fourteen tokens after the name at most.
    expect(groups('Storm-9871 is a crew that, according to a joint report by three firms, has for years been aligned with Iranian state interests.')).toEqual([['Storm-9871', null, null]]);
    // The next sentence speaks of another crew.
    expect(groups('Storm-9871 struck. Aligned with Iranian state interests, a second crew phished diplomats.')).toEqual([['Storm-9871', null, null]]);
  });

  it('takes no sponsor from a heading above the paragraph that names the group', () => {
    expect(groups('Iranian state hackers\n\nStorm-9871 struck a refinery.')).toEqual([['Storm-9871', null, null]]);
  });

  it('reads a country before the name only through words that qualify the group', () => {
    // "said" breaks the chain: Germany is where it was said, not who is behind Sandworm.
    expect(groups('In Germany, officials said Sandworm disrupted the grid operator for hours.')).toEqual([['Sandworm', 'RU', 'gazetteer']]);
  });

  it('reads a victim country after a verb as no attribution, even before a group noun', () => {
    expect(groups('Kimsuky targeted South Korean government agencies with spear-phishing.')).toEqual([['Kimsuky', 'KP', 'gazetteer']]);
  });

  it('carries a country from the sentence before only to "The group ..." and only from that sentence', () => {
    expect(groups('The Iranian state hacking crew took over the pumps. The group, which calls itself Storm-9871, posted a video.')).toEqual([['Storm-9871', 'IR', 'stated']]);
    // Not "The group": no antecedent.
    expect(groups('Iranian state hackers took over the pumps. Investigators track them as Storm-9871.')).toEqual([['Storm-9871', null, null]]);
    // The country is two sentences back.
    expect(
      groups('A pro-Iranian hacktivist group defaced the site in May. Months later a water plant stopped. The group, which calls itself Storm-9871, posted a video.'),
    ).toEqual([['Storm-9871', null, null]]);
  });

  it('takes the country stated most often, the first stated on a tie', () => {
    const iran = 'Storm-9871, an Iran-aligned crew, phished diplomats.';
    const russia = 'Storm-9871, a Russia-aligned crew, denied it.';
    expect(groups(`${iran} ${russia} ${iran}`)).toEqual([['Storm-9871', 'IR', 'stated']]);
    expect(groups(`${iran} ${russia}`)).toEqual([['Storm-9871', 'IR', 'stated']]);
  });
});
