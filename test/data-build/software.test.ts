import { describe, expect, it } from 'vitest';
import { mergeSoftware, type SoftwareValue } from '../../extractors/data-build/software.js';

const attack = (value: string, id: string, synonyms: string[] = []): SoftwareValue => ({ value: `${value} - ${id}`, meta: { synonyms: [value, ...synonyms], external_id: id } });
const merge = (own: string[][], mitre: SoftwareValue[]) =>
  mergeSoftware({ guarded: [], malware: own.map(([name, ...aliases]) => ({ name: name!, aliases })) }, mitre, [], new Set(), []).malware;

describe('mergeSoftware: ATT&CK ids on the own list', () => {
  it('gives a family the id of the ATT&CK entry that bears its name, even when its words are ordinary', () => {
    const [dancer] = merge([['Line Dancer']], [attack('Line Dancer', 'S1186')]);
    expect(dancer).toMatchObject({ name: 'Line Dancer', attackId: 'S1186' });
  });

  it('takes no id from one version of the family ("LockBit 3.0" is not "LockBit")', () => {
    const [lockbit] = merge([['LockBit', 'LockBit 3.0']], [attack('LockBit 3.0', 'S1202')]);
    expect(lockbit!.attackId).toBeUndefined();
  });

  it('keeps the own-name id when several ATT&CK entries fold into one family, else none', () => {
    const [comrat] = merge([['ComRAT', 'Agent.BTZ']], [attack('Agent.btz', 'S0092'), attack('ComRAT', 'S0126')]);
    expect(comrat!.attackId).toBe('S0126');
    const [mixed] = merge([['Mixed', 'Alpha', 'Beta']], [attack('Alpha', 'S0001'), attack('Beta', 'S0002')]);
    expect(mixed!.attackId).toBeUndefined();
  });
});
