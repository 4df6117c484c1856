import { describe, expect, it } from 'vitest';
import { checkFilename, checkHash, checkHost, checkIpv4, checkIpv6, ipv4Range, ipv6Range } from '../../extractors/entities/indicators/checks.js';

/** The check of `ip` where it stands in `text`. */
const v4 = (text: string, ip: string) => checkIpv4(text, text.indexOf(ip), text.indexOf(ip) + ip.length, ip);
const v6 = (text: string, ip: string) => checkIpv6(text, text.indexOf(ip), text.indexOf(ip) + ip.length, ip);
const host = (name: string, raw = name, defanged = false, own: string[] = []) => checkHost(name, raw, defanged, { ownSites: new Set(own) });

describe('indicator false-positive checks', () => {
  it('classes IPv4 addresses at the edges of each reserved block', () => {
    const documentation = ['192.0.2.1', '198.51.100.7', '203.0.113.9'];
    const reserved = [
      '0.1.2.3', '10.1.2.3', '127.0.0.1', '224.0.0.1', '255.255.255.255', '169.254.1.1', '172.16.0.1', '172.31.255.1',
      '192.168.1.1', '100.64.0.1', '100.127.255.1', '198.18.0.1', '198.19.0.1', '192.0.0.8',
    ];
    // One step outside each block, on each of its octets.
    const open = [
      '1.2.3.4', '9.9.9.9', '11.0.0.1', '126.0.0.1', '128.0.0.1', '223.255.255.1', '169.253.1.1', '169.255.1.1', '170.254.1.1',
      '172.15.0.1', '172.32.0.1', '173.16.0.1', '192.167.1.1', '192.169.1.1', '193.168.1.1', '100.63.0.1', '100.128.0.1',
      '101.64.0.1', '198.17.0.1', '198.20.0.1', '199.18.0.1', '192.0.1.1', '192.1.0.1', '191.0.0.1', '192.0.3.1',
      '198.51.101.1', '203.0.114.1', '192.1.2.1', '198.52.100.1', '203.1.113.1', '193.0.2.1', '199.51.100.1', '204.0.113.1',
    ];
    expect(documentation.map(ipv4Range)).toEqual(documentation.map(() => 'documentation'));
    expect(reserved.map(ipv4Range)).toEqual(reserved.map(() => 'private'));
    expect(open.map(ipv4Range)).toEqual(open.map(() => 'public'));
  });

  it('classes IPv6 addresses by their first group', () => {
    const ranges = Object.fromEntries(
      ['2001:db8::1', '2001:0db8::1', '2001:DB8:1::1', '2001:db80::1', '2001:db9::1', '2606:2001:db8::1', '::1', '::', 'fc00::1', 'fd12:3456::1',
        'fe80::1', 'fe9a::1', 'feab::1', 'febf::1', 'fec0::1', 'afe8::1', 'ff02::1', '2ff0::1', 'fb00::1', '2606:4700::1', '::ffff:1.2.3.4'].map((ip) => [ip, ipv6Range(ip)]),
    );
    expect(ranges).toEqual({
      '2001:db8::1': 'documentation', '2001:0db8::1': 'documentation', '2001:DB8:1::1': 'documentation', '2001:db80::1': 'public',
      '2001:db9::1': 'public', '2606:2001:db8::1': 'public', '::1': 'private', '::': 'private', 'fc00::1': 'private',
      'fd12:3456::1': 'private', 'fe80::1': 'private', 'fe9a::1': 'private', 'feab::1': 'private', 'febf::1': 'private',
      'fec0::1': 'public', 'afe8::1': 'public', 'ff02::1': 'private', '2ff0::1': 'public', 'fb00::1': 'public',
      '2606:4700::1': 'public', '::ffff:1.2.3.4': 'private',
    });
  });

  it('keeps a private address only when its own sentence calls it an indicator', () => {
    expect(v4('The implant beaconed to 10.0.0.5 daily.', '10.0.0.5')).toBeNull();
    expect(v4('Lab host 10.0.0.5 served as the C2.', '10.0.0.5')).toBeNull();
    expect(v4('Lab host 10.0.0.5 was the C2', '10.0.0.5')).toBeNull();
    expect(v4('The C2 was down. Lab hosts used 10.0.0.5 as a gateway.', '10.0.0.5')).toBe('private range');
    expect(v4('Lab hosts used 10.0.0.5 as a gateway. Its C2 moved.', '10.0.0.5')).toBe('private range');
    expect(v4('Lab host 10.0.0.5. The C2 is elsewhere.', '10.0.0.5')).toBe('private range');
    // The cue opens a sentence too long to look back over (200 characters).
    const long = `Malicious traffic ${'was seen on many hosts over many weeks in many places '.repeat(5)}including 10.0.0.5 at night.`;
    expect(v4(long, '10.0.0.5')).toBe('private range');
  });

  it('reads versions, ranges and documentation addresses as no IPv4 indicator', () => {
    expect(v4('Flash Player 21.0.0.197 was exploited.', '21.0.0.197')).toBe('version number');
    expect(v4('The implant called 8.8.0.1 for time.', '8.8.0.1')).toBeNull();
    expect(v4('Fixed in version 1.2.3.4 last week.', '1.2.3.4')).toBe('version number');
    expect(v4('The 1.2.3.4 and later builds are fixed.', '1.2.3.4')).toBe('version number');
    expect(v4('The host 1.2.3.4 served the payload.', '1.2.3.4')).toBeNull();
    expect(v4('Block 1.2.3.4/24 at the edge.', '1.2.3.4')).toBe('network range');
    expect(v4('Block 1.2.3.4/8 at the edge.', '1.2.3.4')).toBe('network range');
    expect(v4('Block 1.2.3.4/240 at the edge.', '1.2.3.4')).toBeNull();
    expect(v4('The site at 192.0.2.10 is an example.', '192.0.2.10')).toBe('documentation range');
  });

  it('takes an IPv6 indicator only with a digit and two groups', () => {
    expect(v6('Beacons went to abcd:: today.', 'abcd::')).toBe('not an address');
    expect(v6('Beacons went to abcd:ef:: today.', 'abcd:ef::')).toBe('not an address');
    expect(v6('Beacons went to 12:: today.', '12::')).toBe('not an address');
    expect(v6('Beacons went to gggg::1 today.', 'gggg::1')).toBe('not an address');
    expect(v6('Beacons went to 12:34:: today.', '12:34::')).toBeNull();
    expect(v6('Beacons went to 2001:db8::1 today.', '2001:db8::1')).toBe('documentation range');
    expect(v6('The C2 was at fe80::1 on the LAN.', 'fe80::1')).toBeNull();
    expect(v6('The router answers on fe80::1 by default.', 'fe80::1')).toBe('private range');
  });

  it('rejects host names too long, off the public suffix list, the publisher’s, files and products', () => {
    const name253 = `${`${'a'.repeat(62)}.`.repeat(3)}${'b'.repeat(60)}.com`;
    expect(name253).toHaveLength(253);
    expect(host(name253)).toBeNull();
    expect(host(`c${name253}`)).toBe('too long');
    expect(host('abcdefghijk.onion')).toBeNull();
    expect(host('abcdef.bit')).toBeNull();
    expect(host('news.vendor.co.uk', 'news.vendor.co.uk', false, ['vendor.co.uk'])).toBe('publisher');
    // Written defanged, the name was meant as a host: no file or case check.
    expect(host('update.zip', 'update[.]zip', true)).toBeNull();
    expect(host('update.zip')).toBe('file name');
    expect(host('evil.com', 'Evil.com')).toBeNull();
    expect(host('evil.com', 'evil.COM')).toBe('capitalized suffix');
    expect(host('asp.net')).toBe('product name');
    expect(host('idxxxxx.top', 'idXXXXX.top')).toBe('placeholder');
    expect(host('xylo.top', 'Xylo.top')).toBeNull();
  });

  it('rejects system programs, framework names and digit fragments as file indicators', () => {
    const names = ['CMD.EXE', 'Node.js', 'node.js', 'ASP.NET', '2020.exe', '1.2.exe', 'a2020.exe', '2020a.exe', 'loader.js'];
    expect(Object.fromEntries(names.map((n) => [n, checkFilename(n)]))).toEqual({
      'CMD.EXE': 'system file', 'Node.js': 'product name', 'node.js': null, 'ASP.NET': 'product name', '2020.exe': 'fragment',
      '1.2.exe': 'fragment', 'a2020.exe': null, '2020a.exe': null, 'loader.js': null,
    });
  });

  it('takes a hash only of mixed hex with six different characters or more', () => {
    const hexes = ['abcdefabcdef', '123456123456', 'ab12ab12ab12', 'a1b2ca1b2c', 'a1b2c3a1b2c3', '0123456789abcdef'];
    expect(hexes.map(checkHash)).toEqual(['not mixed hex', 'not mixed hex', 'low entropy', 'low entropy', null, null]);
  });
});
