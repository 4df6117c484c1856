import { describe, expect, it } from 'vitest';
import { findIndicators } from '../../extractors/entities/indicators/index.js';

type Row = [type: string, value: string, defanged: boolean];
const found = (text: string, ownUrls?: string[]): Row[] =>
  findIndicators(text, { ownUrls }).map((i) => [i.type, i.value, i.defanged]);

/**
 * Snippets written for this test: each line is how an article or an advisory might put it, and
 * what an analyst expects to load from it (every indicator, exactly; [] when it holds none).
 */
const DEFANGING: Array<[string, Row[]]> = [
  ['The loader phoned home to hxxp://cdn-update[.]org/gate.php every ten minutes.', [['url', 'http://cdn-update.org/gate.php', true]]],
  ['Stage two came from hxxps://files.sharepoint-docs[.]site/d/invoice.zip.', [['url', 'https://files.sharepoint-docs.site/d/invoice.zip', true]]],
  ['Analysts saw beacons to 185.220.101[.]47 over port 443.', [['ipv4', '185.220.101.47', true]]],
  ['The implant used 91[.]219[.]236[.]18 as a fallback server.', [['ipv4', '91.219.236.18', true]]],
  ['Block the host login-microsoftonline(.)net at the proxy.', [['domain', 'login-microsoftonline.net', true]]],
  ['The kit resolved telemetry-sync[dot]com before each upload.', [['domain', 'telemetry-sync.com', true]]],
  ['Lures were sent from hr-payroll[@]quickmail-service[.]com to finance staff.', [['email', 'hr-payroll@quickmail-service.com', true]]],
  ['Replies went to recruiter.jobs(at)protonmail[.]com, the report says.', [['email', 'recruiter.jobs@protonmail.com', true]]],
  ['A second server sat at hxxp[:]//203.45.77[.]12:8080/upload.', [['url', 'http://203.45.77.12:8080/upload', true]]],
  ['The dropper fetched hXXps://paste-bin[.]cc/raw/Xk29Ab and ran it.', [['url', 'https://paste-bin.cc/raw/Xk29Ab', true]]],
  ['Operators registered account-verify . info a day before the wave.', [['domain', 'account-verify.info', true]]],
  ['The C2 name secure-dns{.}xyz rotated weekly.', [['domain', 'secure-dns.xyz', true]]],
  ['Traffic went to UPDATE-SERVICE[.]NET and nowhere else.', [['domain', 'update-service.net', true]]],
  ['Payloads were hosted at https://storage.cloudfiles-cdn.com/x/a.bin and mirrored nowhere.', [['url', 'https://storage.cloudfiles-cdn.com/x/a.bin', false]]],
  ['The address 45.153.160.2 answered on TCP 8443.', [['ipv4', '45.153.160.2', false]]],
  ['The sample contacted 2a01:4f8:c17:b8f::2 directly.', [['ipv6', '2a01:4f8:c17:b8f::2', false]]],
  ['Its MD5 is 9E107D9D372BB6826BD81D3542A419D6 according to the vendor.', [['md5', '9e107d9d372bb6826bd81d3542a419d6', false]]],
  ['SHA-1: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', [['sha1', '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', false]]],
  ['SHA-256 d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592 (the DLL).', [['sha256', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592', false]]],
  [
    'SHA-512 07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6 matched.',
    [['sha512', '07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6', false]],
  ],
  ['Persistence sits under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDriveSync.', [['registry-key', 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDriveSync', false]]],
  ['It also writes HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Shell on servers.', [['registry-key', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Shell', false]]],
  ['Victims were told to pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa within three days.', [['bitcoin-address', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', false]]],
  ['Newer notes name bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq as the wallet.', [['bitcoin-address', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', false]]],
  ['The attachment, Payment_Advice_0412.pdf.exe, posed as a PDF.', [['filename', 'Payment_Advice_0412.pdf.exe', false]]],
  ['It drops C:\\ProgramData\\Intel\\igfxtray64.dll and loads it.', [['filename', 'igfxtray64.dll', false]]],
  ['The leak site sits at lockpagexyzabc4f2mfd7ygqwhtczadzn3uqxqsizbbtjbg5kryvbqtqd.onion for now.', [['domain', 'lockpagexyzabc4f2mfd7ygqwhtczadzn3uqxqsizbbtjbg5kryvbqtqd.onion', false]]],
  ['One table row read: c2-relay.duckdns.org | 5.188.86.114 | active', [['domain', 'c2-relay.duckdns.org', false], ['ipv4', '5.188.86.114', false]]],
  ['Sent via http:// invoices-portal.top/view?id=7 (a space after the scheme).', [['url', 'http://invoices-portal.top/view?id=7', true]]],
  ['The panel lived at invoices-cdn.top/admin/login.php for weeks.', [['url', 'http://invoices-cdn.top/admin/login.php', false]]],
  ['A page escaped twice wrote https://files-share.cloud/get?mode=dl&amp;id=Qe81 as the link.', [['url', 'https://files-share.cloud/get?mode=dl&id=Qe81', false]]],
];

const TRAPS: Array<[string, Row[]]> = [
  ['The report used 192.0.2.15 and 198.51.100.7 as examples, and 203.0.113.9 in a diagram.', []],
  ['Mail from alerts@example.com and example.org links are placeholders.', []],
  ['Documentation prefix 2001:db8::1 showed up in the sample config.', []],
  ['Upgrade to version 10.4.2.1 or later; build 7.0.12.1 is affected.', []],
  ['Adobe fixed it in Flash Player 21.0.0.197 last spring.', []],
  ['Firmware 1.1.2.3 and earlier are vulnerable.', []],
  ['Victims opened invoice.exe and report.docm from the mail.', [['filename', 'invoice.exe', false], ['filename', 'report.docm', false]]],
  ['A file called update.zip held the loader.', [['filename', 'update.zip', false]]],
  ['The web shell targets ASP.NET apps and Node.js servers.', []],
  ['The group struck in Jan.In February it moved on.', []],
  ['Administrators ran cmd.exe and powershell.exe as usual.', []],
  ['The lab used 192.168.1.20 and 10.0.0.5 for testing.', []],
  // fc00::/7 is private and dropped without a cue; 2fcd:: is a public address that merely holds "fc".
  ['The sample reached 2fcd:4f8:c17:b8f::2 while the lab box sat at fd12:3456:789a::1.', [['ipv6', '2fcd:4f8:c17:b8f::2', false]]],
  // A digest may begin or end with a doubled character; only a wholly repeated one is filler.
  ['Its MD5 aa3b8e0c9f1d2e4a6b5c7d8e9f0a1b2c and SHA-1 3f8e0c9f1d2e4a6b5c7d8e9f0a1b2c4d5e6f7a00 were shared.', [['md5', 'aa3b8e0c9f1d2e4a6b5c7d8e9f0a1b2c', false], ['sha1', '3f8e0c9f1d2e4a6b5c7d8e9f0a1b2c4d5e6f7a00', false]]],
  ['The implant beacons to its C2 at 10.10.5.23 inside the victim network.', [['ipv4', '10.10.5.23', false]]],
  ['The hash 5d41402abc4b2a76b9719d911017c592aa1f3c2b7e9d33f41a2c5b7e8f90d1e2 is 64 chars but part of 5d41402abc4b2a76b9719d911017c592aa1f3c2b7e9d33f41a2c5b7e8f90d1e2ff00.', [['sha256', '5d41402abc4b2a76b9719d911017c592aa1f3c2b7e9d33f41a2c5b7e8f90d1e2', false]]],
  ['A 32-digit order number 12345678901234567890123456789012 is no hash.', []],
  ['Session id deadbeefdeadbeefdeadbeefdeadbeef repeated a pattern.', []],
  ['The routes 10.0.0.0/8 and 172.16.0.0/12 were scanned.', []],
  ['Read the advisory at https://www.threatdesk-news.com/advisories/42 and on threatdesk-news.com.', []],
  ['It resolved cdn.evil-domain.com.\nThe next line starts here.', [['domain', 'cdn.evil-domain.com', false]]],
  ['The string e.g. or i.e. or U.S. is not a host, nor is 3.14 or v2.1.', []],
  ['The word sequence 1Lorem ipsum is not a wallet, nor is 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz0.', []],
  ['Copy the dump in C:\\Temp\\lsass.dmp and skip C:\\Windows\\System32\\rundll32.exe.', []],
];

describe('findIndicators: defanging styles', () => {
  it.each(DEFANGING)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('findIndicators: false-positive traps', () => {
  it.each(TRAPS)('%s', (text, expected) => {
    expect(found(text, ['https://threatdesk-news.com/2024/05/story'])).toEqual(expected);
  });

  it('has a corpus of at least 40 snippets', () => {
    expect(DEFANGING.length + TRAPS.length).toBeGreaterThanOrEqual(40);
  });
});

describe('findIndicators: a closing parenthesis', () => {
  // From the mutation run: a URL in parentheses with none of its own made the trimming throw or loop.
  it("drops the parenthesis that closes the prose around a URL, and keeps one the URL opened", () => {
    expect(found('The loader calls home (hxxp://bad-domain[.]ru/gate).')).toEqual([['url', 'http://bad-domain.ru/gate', true]]);
    expect(found('It fetched hxxp://bad-domain[.]ru/wiki/Foo_(bar) first.')).toEqual([['url', 'http://bad-domain.ru/wiki/Foo_(bar)', true]]);
  });
});

describe('findIndicators: mentions', () => {
  it('groups mentions of one value, keeps offsets and says defanged when any mention was', () => {
    const text = 'First evil-cdn.net, then evil-cdn[.]net again, and EVIL-CDN.NET in caps.';
    const [ind, ...rest] = findIndicators(text);
    expect(rest).toEqual([]);
    expect(ind).toMatchObject({ type: 'domain', value: 'evil-cdn.net', defanged: true });
    expect(ind!.mentions.map((m) => m.text)).toEqual(['evil-cdn.net', 'evil-cdn[.]net']);
    for (const m of ind!.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('gives the URL and not the host or file inside it', () => {
    expect(found('Download from http://198.18.7.1/x.exe was blocked.')).toEqual([]); // benchmark range, no cue
    expect(found('The payload at hxxp://45.9.20.11/a/run.ps1 is malicious.')).toEqual([['url', 'http://45.9.20.11/a/run.ps1', true]]);
  });

  it('reads a large text with no indicators and one with thousands', () => {
    const prose = 'The group moved laterally using stolen credentials and then deployed ransomware. '.repeat(5000);
    const iocs = Array.from({ length: 2000 }, (_, i) => `host${i}.bad-domain.com 45.${Math.floor(i / 200) + 1}.7.${(i % 200) + 1}`).join('\n');
    expect(findIndicators(prose)).toEqual([]);
    expect(findIndicators(iocs).length).toBe(4000);
  });
});
