/**
 * ATT&CK in articles: technique ids and names, tools apart from malware, groups with G-ids.
 * The sentences are written for this test in the way news and advisories describe intrusions.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';
import { extractSample, listSamples } from '../helpers/samples.js';

const ids = (text: string) => extractEntities(text).entities.techniques.map((t) => t.id);

/** [sentence, technique ids an analyst would tag it with]; [] for sentences that name none. */
const NAMED: Array<[string, string[]]> = [
  ['The intrusions began with spear-phishing attachments disguised as shipping invoices.', ['T1566.001']],
  ['Employees received spearphishing links that led to a fake Microsoft 365 login page.', ['T1566.002']],
  ['The crew relied on phishing emails sent from compromised partner accounts.', ['T1566']],
  ['Once inside, the operators moved laterally using pass-the-hash.', ['T1550.002']],
  ['Investigators found that the actor used pass the ticket to reach the domain controller.', ['T1550.003']],
  ['Kerberoasting gave the intruders service account passwords within hours.', ['T1558.003']],
  ['The group dumped LSASS memory with a renamed ProcDump binary.', ['T1003.001']],
  ['Credential dumping followed on every server the attackers reached.', ['T1003']],
  ['A password spraying campaign hit thousands of cloud tenants last spring.', ['T1110.003']],
  ['The botnet tried brute force logins against exposed SSH services.', ['T1110']],
  ['Persistence came from scheduled tasks named after Windows updates.', ['T1053.005']],
  ['The implant added itself to the registry run keys of each user.', ['T1547.001']],
  ['A signed application loaded the payload through DLL side-loading.', ['T1574.001']],
  ['The loader relies on process hollowing to hide inside a legitimate binary.', ['T1055.012']],
  ['Process injection let the backdoor run inside explorer.exe.', ['T1055']],
  ['The attackers planted web shells on unpatched Exchange servers.', ['T1505.003']],
  ['Lateral movement happened over Remote Desktop Protocol with stolen accounts.', ['T1021.001']],
  ['Before encryption the affiliates deleted volume shadow copies on every host.', ['T1490']],
  ['The ransomware encrypted files on file servers and backups alike.', ['T1486']],
  ['Stolen data was sent out through exfiltration to cloud storage using Rclone.', ['T1567.002']],
  ['The malware used DNS tunneling to reach its operators from isolated networks.', ['T1071.004']],
  ['Operators cleared event logs to cover their tracks.', ['T1685.005']],
  ['The intruders disabled security tools before deploying the payload.', ['T1685']],
  ['The campaign exploited public-facing applications such as VPN gateways.', ['T1190']],
  ['Victims were infected through a watering hole on a regional news site.', ['T1189']],
  ['A trojanized update of the accounting software spread the backdoor in a supply chain attack.', ['T1195.002']],
  ['The helpdesk was flooded with MFA fatigue prompts until one user accepted.', ['T1621']],
  ['An adversary-in-the-middle kit captured session cookies from the login flow.', ['T1557', 'T1539']],
  ['The stealer includes keylogging and collects browser data.', ['T1056.001']],
  ['The attackers abused Windows Management Instrumentation to run commands remotely.', ['T1047']],
  ['The samples were signed with stolen code-signing certificates.', ['T1553.002']],
  ['The dropper bypassed UAC before installing its service.', ['T1548.002']],
  ['Obfuscated files or information hid the configuration from scanners.', ['T1027']],
  ['Ingress tool transfer brought in more utilities after the first foothold.', ['T1105']],
  // Sentences that name no technique.
  ['The company said its services were back online on Monday.', []],
  ['The proxy server of the newsroom went down during the storm.', []],
  ['Analysts published the report with the local accounts of several victims.', []],
  ['The web service for customers will be upgraded next quarter.', []],
  ['The ministry hired a firm to review the supply of laptops.', []],
  ['Reporters were invited to a briefing about the election.', []],
];

describe('ATT&CK techniques by id', () => {
  it('finds ids and sub-technique ids with name and tactics, and resolves a revoked id', () => {
    const { techniques } = extractEntities('Mapped to T1059.001 and T1566 (also T1574.002 in older reports). T1059.001 again.').entities;
    expect(techniques.map((t) => [t.id, t.mentions.length])).toEqual([
      ['T1059.001', 2],
      ['T1566', 1],
      ['T1574.001', 1],
    ]);
    expect(techniques[0]).toMatchObject({ name: 'PowerShell', tactics: ['execution'] });
    expect(techniques[1]!.tactics).toEqual(['initial-access']);
  });

  it('skips unknown ids and look-alikes; a tactic id is neither a technique nor a group', () => {
    const { entities } = extractEntities('Tactic TA0001 and TA0008; not T9999, XT1059, T1059.0011 or T10590. TA505 is a group.');
    expect(entities.techniques).toEqual([]);
    expect(entities.aptGroups.map((g) => g.name)).toEqual(['TA505']);
  });

  it('finds every technique id written in the samples (recall 1.0)', () => {
    for (const sample of listSamples()) {
      const { record } = extractSample(sample);
      const written = [...record.text.matchAll(/\bT1\d{3}(?:\.\d{3})?\b/g)].map((m) => m.index);
      const found = new Set(record.entities.techniques.flatMap((t) => t.mentions.map((m) => m.start)));
      for (const at of written) expect(found.has(at), `${sample.name} at ${at}`).toBe(true);
    }
  });
});

describe('ATT&CK techniques by name', () => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [sentence, expected] of NAMED) {
    const got = ids(sentence);
    tp += got.filter((id) => expected.includes(id)).length;
    fp += got.filter((id) => !expected.includes(id)).length;
    fn += expected.filter((id) => !got.includes(id)).length;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);

  it(`has precision >= 0.9 on ${NAMED.length} sentences (precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)})`, () => {
    expect(NAMED.filter(([, e]) => e.length).length).toBeGreaterThanOrEqual(30);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    console.log(`technique names: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
  });

  it('names nothing in sentences about ordinary proxies, accounts and services', () => {
    for (const [sentence, expected] of NAMED.filter(([, e]) => !e.length)) expect(ids(sentence), sentence).toEqual(expected);
  });
});

describe('tools', () => {
  it('finds dual-use tools with their ATT&CK ids, apart from malware', () => {
    const { entities } = extractEntities(
      'The affiliates used Cobalt Strike, Mimikatz and PsExec, staged data with Rclone and kept AnyDesk for access, then deployed the LockBit ransomware.',
    );
    expect(entities.tools.map((t) => [t.name, t.attackId])).toEqual([
      ['Cobalt Strike', 'S0154'],
      ['Mimikatz', 'S0002'],
      ['PsExec', 'S0029'],
      ['Rclone', 'S1040'],
      ['AnyDesk', null],
    ]);
    expect(entities.malware.map((m) => m.name)).not.toContain('Cobalt Strike');
    expect(entities.malware.map((m) => m.name)).not.toContain('Mimikatz');
  });

  it('takes no generic word for a tool, and a common-word name only with threat context', () => {
    expect(extractEntities('They ran a loader, a PowerShell script and the net command; the Empire State Building was lit.').entities.tools).toEqual([]);
    expect(extractEntities('The attackers staged the Empire post-exploitation framework on two hosts.').entities.tools.map((t) => t.name)).toEqual(['Empire']);
  });
});

describe('APT groups carry their ATT&CK id', () => {
  it('gives the G-id where ATT&CK knows the group', () => {
    const groups = extractEntities('APT29 and Lazarus Group were both named, along with Volt Typhoon.').entities.aptGroups;
    expect(Object.fromEntries(groups.map((g) => [g.name, g.attackId ?? null]))).toMatchObject({ APT29: 'G0016', 'Lazarus Group': 'G0032' });
  });
});
