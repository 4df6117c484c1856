/**
 * ATT&CK technique names in the words reports use for the techniques they cite most (the
 * execution, persistence, credential, discovery, lateral-movement, C2 and impact techniques that
 * top the yearly threat-report rankings). Written for this test, in our own words, apart from the
 * phrase list's own examples in attack.test.ts; each sentence lists what an analyst would tag.
 * Precision is the bar (>= 0.9); recall is reported, since a phrase list never has every wording.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

const ids = (text: string) => extractEntities(text).entities.techniques.map((t) => t.id);

/** [sentence, technique ids an analyst would tag it with]; [] for sentences that name none. */
export const PHRASINGS: Array<[string, string[]]> = [
  // Initial access
  ['The gang broke in by exploiting an internet-facing VPN appliance that had not been patched.', ['T1190']],
  ['Staff were sent emails with malicious Word attachments that dropped the loader.', ['T1566.001']],
  ['The lure was a spear-phishing email carrying a booby-trapped PDF.', ['T1566']],
  ['Attackers logged in with valid accounts bought from an initial access broker.', ['T1078']],
  ['The intruders reached the network through a trusted relationship with an IT contractor.', ['T1199']],
  ['The worm spread through infected USB drives plugged into plant computers.', ['T1091']],
  ['The hackers used the company\u2019s exposed remote desktop gateway, one of its external remote services.', ['T1133']],
  // Execution
  ['The first stage ran an encoded PowerShell command that fetched the next payload.', ['T1059.001']],
  ['A batch file launched through cmd.exe started the miner.', ['T1059.003']],
  ['The backdoor is a Python script that the attackers ran on Linux servers.', ['T1059.006']],
  ['Victims had to double-click a malicious file disguised as a resume.', ['T1204.002']],
  ['The operators ran their payload with rundll32 to blend in.', ['T1218.011']],
  ['The attackers used wmic to launch processes on remote hosts.', ['T1047']],
  ['PsExec was used to install a service and run the encryptor across the domain, a form of service execution.', ['T1569.002']],
  // Persistence and privilege escalation
  ['For persistence, the malware created a scheduled task that runs every hour.', ['T1053.005']],
  ['It writes itself to a Run key in the registry so it starts at logon.', ['T1547.001']],
  ['The implant installs a new Windows service named after a printer driver.', ['T1543.003']],
  ['The intruders created new accounts with administrator rights on the domain controller.', ['T1136']],
  ['The exploit gave the attackers SYSTEM privileges through a kernel flaw, a case of exploitation for privilege escalation.', ['T1068']],
  ['The loader bypasses User Account Control with a known auto-elevating binary.', ['T1548.002']],
  // Defense evasion
  ['The payload is heavily obfuscated and packed to slow down analysts.', ['T1027']],
  ['A legitimate signed executable side-loads the malicious DLL placed next to it.', ['T1574.001']],
  ['The code is injected into a running svchost process.', ['T1055']],
  ['The binary masquerades as a Windows update file to avoid suspicion.', ['T1036']],
  ['The attackers deleted their tools and cleared the Windows event logs before leaving.', ['T1685.005']],
  ['Before the encryptor ran, the affiliates turned off Microsoft Defender and other endpoint protection.', ['T1685']],
  ['The second stage is decoded and loaded straight into memory, a technique known as reflective code loading.', ['T1620']],
  ['The sample checks whether it runs in a sandbox or a virtual machine before unpacking.', ['T1497']],
  // Credential access
  ['The operators dumped credentials from LSASS memory with Mimikatz.', ['T1003.001']],
  ['They copied the NTDS.dit file from a domain controller to crack the hashes offline.', ['T1003.003']],
  ['The stealer grabs saved passwords from Chrome and Firefox, that is credentials from web browsers.', ['T1555.003']],
  ['The campaign relied on password spraying against Microsoft 365 accounts.', ['T1110.003']],
  ['The actor requested service tickets for offline cracking, a Kerberoasting attack.', ['T1558.003']],
  ['Keystrokes typed by the victims were logged and sent to the server.', ['T1056.001']],
  // Discovery
  ['On each host the malware enumerated running processes and installed antivirus products.', ['T1057']],
  ['The attackers ran network share discovery to find file servers worth encrypting.', ['T1135']],
  ['They used AdFind for account discovery and to map domain trusts.', ['T1087']],
  ['A scanner was run for remote system discovery across the internal subnets.', ['T1018']],
  ['The malware collects system information such as the OS version and host name.', ['T1082']],
  // Lateral movement
  ['The intruders moved laterally over RDP using the stolen admin password.', ['T1021.001']],
  ['They copied the payload to other machines through SMB admin shares.', ['T1021.002']],
  ['The attackers used pass-the-hash to authenticate to other servers.', ['T1550.002']],
  // Collection and exfiltration
  ['The spyware takes screenshots every few seconds and uploads them.', ['T1113']],
  ['Stolen files were compressed into password-protected RAR archives before exfiltration.', ['T1560']],
  ['Data was exfiltrated over the command-and-control channel in small chunks.', ['T1041']],
  ['The gang uploaded the stolen data to MEGA cloud storage with Rclone.', ['T1567.002']],
  // Command and control
  ['The backdoor talks to its server over HTTPS to hide in normal web traffic.', ['T1071.001']],
  ['The implant uses DNS tunneling for its command channel.', ['T1071.004']],
  ['Commands were relayed through a chain of compromised routers acting as proxies.', ['T1090']],
  ['The actors downloaded additional tools from a file-sharing site after the first foothold.', ['T1105']],
  ['The crew installed AnyDesk as remote access software to keep a way back in.', ['T1219']],
  // Impact
  ['The ransomware encrypts data on every reachable drive and appends a new extension.', ['T1486']],
  ['It deletes the volume shadow copies with vssadmin so victims cannot restore files.', ['T1490']],
  ['The wiper overwrote the master boot record and destroyed data on the disks.', ['T1485']],
  ['A DDoS attack knocked the ministry\u2019s websites offline for a day.', ['T1498']],
  ['The miners hijacked cloud resources to mine cryptocurrency.', ['T1496']],
  // Sentences that name no technique.
  ['The bank said its mobile app would be updated with new features next month.', []],
  ['Researchers presented their findings at a conference in Las Vegas.', []],
  ['The company will publish its quarterly results on Thursday.', []],
  ['The agency runs phishing awareness training for all new employees.', []],
  ['Customers can enable phishing-resistant MFA in the account settings.', []],
  ['The vendor shipped a patch for its internet-facing gateways last week.', []],
  ['The school district moved its email to a cloud provider.', []],
  ['The museum reopened after a power outage on Sunday.', []],
  ['Security teams should log PowerShell activity and review scheduled jobs regularly.', []],
  ['The report does not say how the attackers got in.', []],
];

describe('ATT&CK technique names in common report phrasings', () => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  const wrong: string[] = [];
  for (const [sentence, expected] of PHRASINGS) {
    const got = ids(sentence);
    tp += got.filter((id) => expected.includes(id)).length;
    fp += got.filter((id) => !expected.includes(id)).length;
    fn += expected.filter((id) => !got.includes(id)).length;
    for (const id of expected.filter((x) => !got.includes(x))) misses.push(`${id}: ${sentence}`);
    for (const id of got.filter((x) => !expected.includes(x))) wrong.push(`${id}: ${sentence}`);
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);

  it(`precision >= 0.9 on ${PHRASINGS.length} sentences (precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)})`, () => {
    console.log(`technique phrasings: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
    console.log(`false positives:\n  ${wrong.join('\n  ')}\nmisses:\n  ${misses.join('\n  ')}`);
    expect(PHRASINGS.filter(([, e]) => e.length).length).toBeGreaterThanOrEqual(50);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it('names nothing in sentences about defences, patches and ordinary business', () => {
    for (const [sentence, expected] of PHRASINGS.filter(([, e]) => !e.length)) expect(ids(sentence), sentence).toEqual(expected);
  });
});
