import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

/** The companies the real entry point finds in a text. */
const findCompanies = (text: string) => extractEntities(text).entities.companies;

const names = (text: string) => findCompanies(text).map((c) => c.name);

describe('findCompanies', () => {
  it('finds notable companies with their aliases as one company', () => {
    const text = 'Intruders breached AT&T, Verizon and Lumen Technologies. Microsoft Corp. and Microsoft said so.';
    expect(names(text)).toEqual(['AT&T', 'Verizon', 'Lumen Technologies', 'Microsoft']);
    expect(findCompanies(text).at(-1)!.aliases).toEqual(['Microsoft Corp.']);
  });

  it('finds companies the gazetteer lacks by their corporate suffix', () => {
    expect(names('Researchers at Northwind Labs and Quillfeather Systems Inc. said the firmware was tampered with.')).toEqual([
      'Northwind Labs',
      'Quillfeather Systems Inc.',
    ]);
  });

  it('does not make generic phrases, agencies, groups or countries companies', () => {
    const text =
      'Industrial Control Systems at the Department of Homeland Security were probed; Public Health officials, ' +
      'Sandworm and China were named. Photo: Getty Images.';
    expect(names(text)).toEqual([]);
  });

  it('takes common-word names only mid-sentence and standing alone', () => {
    expect(names('Apple pie is sweet. Shell scripts ran.')).toEqual([]);
    expect(names('Customers of Apple and Shell were told to update.')).toEqual(['Apple', 'Shell']);
  });

  it('finds research organizations by the words around them, but no people, plain words or universities', () => {
    expect(names('Researchers at VelvetGrid spotted the loader. NorthQuill researchers said the actor reused tools.')).toEqual(['VelvetGrid', 'NorthQuill']);
    expect(names('Researchers at the University of Toronto and Smith researchers said nothing. Experts at Google agreed.')).toEqual(['Google']);
  });

  it('knows security vendors, telecoms and outlets from around the world', () => {
    expect(names('Kaspersky, ESET and Group-IB shared indicators; Turkcell, Safaricom and Reuters reported the outage.')).toEqual([
      'Kaspersky',
      'ESET',
      'Group-IB',
      'Turkcell',
      'Safaricom',
      'Reuters',
    ]);
  });

  it('drops wire credits in datelines and copyright lines, keeps the outlet cited in prose', () => {
    expect(findCompanies('WASHINGTON (Reuters) - Hackers hit a utility.\n\n© 2024 Associated Press').map((c) => c.name)).toEqual([]);
    const [reuters] = findCompanies('WASHINGTON (Reuters) - Hackers hit a utility, Reuters reported.');
    expect(reuters?.mentions.map((m) => m.start)).toEqual([46]);
  });
});
