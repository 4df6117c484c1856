/** Unit tests of the SSRF address classifier, the allow-list and URL vetting (no network). */
import { describe, expect, it } from 'vitest';
import { blockedAddressError, blockedReason, classifyAddress, embeddedIpv4, isBlockedAddress, isLocalhostName, parseAllowNets } from '../../src/fetch/guard.js';
import { vetUrl } from '../../src/fetch/fetcher.js';
import { NewsintError } from '../../src/errors.js';

describe('classifyAddress', () => {
  it.each([
    ['10.0.0.5', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.99', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['fec0::1', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['100::1', 'reserved'],
    // IPv4 inside IPv6 is judged by the IPv4 address it reaches.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
  ])('%s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.215.14', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8'])(
    '%s is public',
    (ip) => {
      expect(classifyAddress(ip)).toBeNull();
      expect(isBlockedAddress(ip)).toBe(false);
    },
  );

  it('rejects things that are not IP addresses', () => {
    expect(() => classifyAddress('example.com')).toThrow(TypeError);
  });

  it('extracts the IPv4 address carried by mapped, NAT64 and 6to4 forms', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('64:ff9b::a00:5')).toBe('10.0.0.5');
    expect(embeddedIpv4('2002:a9fe:a9fe::')).toBe('169.254.169.254');
    expect(embeddedIpv4('2606:4700::1')).toBeNull();
    expect(embeddedIpv4('127.0.0.1')).toBeNull();
  });
});

describe('allow-list', () => {
  it('opens exactly the listed ranges', () => {
    const allow = ['127.0.0.1/32', '10.20.0.0/16'];
    expect(isBlockedAddress('127.0.0.1', allow)).toBe(false);
    expect(isBlockedAddress('::ffff:127.0.0.1', allow)).toBe(false);
    expect(isBlockedAddress('127.0.0.2', allow)).toBe(true);
    expect(isBlockedAddress('::1', allow)).toBe(true);
    expect(isBlockedAddress('10.20.3.4', allow)).toBe(false);
    expect(isBlockedAddress('10.21.0.1', allow)).toBe(true);
  });

  it('accepts bare addresses and IPv6 ranges', () => {
    expect(isBlockedAddress('::1', ['::1'])).toBe(false);
    expect(isBlockedAddress('fd00::7', ['fd00::/8'])).toBe(false);
    expect(isBlockedAddress('fe80::7', ['fd00::/8'])).toBe(true);
  });

  it('keeps cloud metadata closed unless that very address is listed', () => {
    expect(isBlockedAddress('169.254.1.1', ['169.254.0.0/16'])).toBe(false);
    expect(isBlockedAddress('169.254.169.254', ['169.254.0.0/16'])).toBe(true);
    expect(isBlockedAddress('169.254.169.254', ['169.254.169.254/32'])).toBe(false);
    expect(isBlockedAddress('100.100.100.200', ['100.64.0.0/10'])).toBe(true);
    expect(isBlockedAddress('fd00:ec2::254', ['fd00::/8'])).toBe(true);
  });

  it('reports a bad entry as a configuration error that quotes it', () => {
    for (const bad of ['10.0.0.0/33', 'not-an-ip', '10.0.0.0/8x', '::1/129', '10.0.0.0/']) {
      let caught: unknown;
      try {
        parseAllowNets([bad]);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(NewsintError);
      expect((caught as NewsintError).code).toBe('BAD_CONFIG');
      expect((caught as NewsintError).message).toContain(bad);
    }
  });

  it('gives the class of a refused address', () => {
    expect(blockedReason('192.168.0.9', parseAllowNets([]))).toBe('private');
    expect(blockedReason('192.168.0.9', parseAllowNets(['192.168.0.0/24']))).toBeNull();
  });
});

// Cases found by the mutation run (`npm run mutation`): each fails if one operator or anchor in
// guard.ts is changed, and each is a way an address could slip past or be misread.
describe('guard edge cases', () => {
  it('reads every IPv4-mapped spelling, not only one-digit octets', () => {
    expect(classifyAddress('::ffff:10.0.10.10')).toBe('private');
    expect(classifyAddress('::ffff:192.168.100.200')).toBe('private');
    expect(classifyAddress('64:ff9b::169.254.169.254')).toBe('cloud metadata');
  });

  it('takes an embedded IPv4 address only from the prefixes that carry one', () => {
    // A public IPv6 address whose tail looks like a mapped or 6to4 form is not that address.
    expect(classifyAddress('2606:4700::ffff:7f00:1')).toBeNull();
    expect(classifyAddress('2606:2002:a9fe:a9fe::1')).toBeNull();
    expect(classifyAddress('2001:db8::ffff:8.8.8.8')).toBe('reserved');
  });

  it('accepts URL brackets and zone ids, and says what was not an address', () => {
    expect(classifyAddress('[::1]')).toBe('loopback');
    expect(classifyAddress('fe80::1%eth0')).toBe('link-local');
    expect(() => classifyAddress('example.com')).toThrow('not an IP address: example.com');
  });

  it('parses allow-list entries as people write them', () => {
    expect(isBlockedAddress('10.1.2.3', [' 10.0.0.0/8 '])).toBe(false);
    expect(() => parseAllowNets(['', '  '])).not.toThrow();
    expect(isBlockedAddress('fd00::5', ['fd00::5/128'])).toBe(false);
    expect(isBlockedAddress('fd00::6', ['fd00::5/128'])).toBe(true);
    // /0 is a legal (if unwise) prefix: everything but cloud metadata.
    expect(isBlockedAddress('192.168.1.1', ['0.0.0.0/0'])).toBe(false);
    expect(isBlockedAddress('169.254.169.254', ['0.0.0.0/0'])).toBe(true);
  });

  it('refuses prefixes that Number() would accept but a CIDR does not', () => {
    for (const bad of ['10.0.0.0/+8', '10.0.0.0/8e0', '10.0.0.0/ 8']) {
      expect(() => parseAllowNets([bad]), bad).toThrow(NewsintError);
    }
    try {
      parseAllowNets(['10.0.0.0/33']);
      expect.unreachable();
    } catch (err) {
      expect((err as NewsintError).kind).toBe('permanent');
    }
  });

  it('opens a metadata endpoint only for an entry that is that single address', () => {
    // The network part equals the endpoint, but the prefix is wide: still closed.
    expect(isBlockedAddress('169.254.169.254', ['169.254.169.254/16'])).toBe(true);
    expect(isBlockedAddress('169.254.169.254', ['169.254.169.254'])).toBe(false);
    expect(isBlockedAddress('fd00:ec2::254', ['fd00:ec2::254/128'])).toBe(false);
  });

  it('names the host only when it differs from the address it resolved to', () => {
    const same = blockedAddressError('127.0.0.1', 'loopback', 'http://127.0.0.1/', '127.0.0.1');
    expect(same.message).not.toContain('resolves to it');
    const named = blockedAddressError('127.0.0.1', 'loopback', 'http://intranet.test/', 'intranet.test');
    expect(named.message).toContain('(intranet.test resolves to it)');
    expect(named.message).toContain('for http://intranet.test/');
  });

  it('reads the mapped form only when the two groups end the address', () => {
    // 0:0:0:0:ffff:7f00:1:2 has a third group after the would-be IPv4 part: not 127.0.0.1.
    expect(embeddedIpv4('::ffff:7f00:1:2')).toBeNull();
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
  });

  it('lets an IPv4 allowance open the NAT64 and 6to4 spellings of that address too', () => {
    expect(isBlockedAddress('64:ff9b::7f00:1', ['127.0.0.1/32'])).toBe(false);
    expect(isBlockedAddress('2002:7f00:1::', ['127.0.0.1/32'])).toBe(false);
    expect(isBlockedAddress('64:ff9b::7f00:2', ['127.0.0.1/32'])).toBe(true);
  });

  it('keeps the allow-list entries as given', () => {
    expect(parseAllowNets(['10.0.0.0/8', ' ::1 ']).entries).toEqual(['10.0.0.0/8', ' ::1 ']);
  });

  it('says nothing of a URL when there is none', () => {
    expect(blockedAddressError('127.0.0.1', 'loopback', undefined).message).toBe(
      'refusing to connect to 127.0.0.1 (loopback address): add the range to NEWSINT_ALLOW_NETS (or --allow-net) to allow it',
    );
  });

  it('treats any number of trailing dots on localhost alike', () => {
    expect(isLocalhostName('localhost..')).toBe(true);
  });
});

describe('vetUrl', () => {
  const none = parseAllowNets([]);
  const codeOf = (url: string): string | null => {
    try {
      vetUrl(url, none);
      return null;
    } catch (err) {
      return (err as NewsintError).code;
    }
  };

  it('refuses literal blocked IPs in every spelling WHATWG URL accepts', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/', // decimal
      'http://0x7f.0.0.1/', // hex
      'http://0177.0.0.1/', // octal
      'http://127.1/', // short form
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5:8443/admin',
      'http://0/',
    ]) {
      expect(codeOf(url), url).toBe('BLOCKED_ADDRESS');
    }
  });

  it('refuses non-http schemes and garbage as BAD_URL', () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://example.com/', 'javascript:alert(1)', 'not a url', '']) {
      expect(codeOf(url), url).toBe('BAD_URL');
    }
  });

  it('lets public addresses and names through (names are checked at connect time)', () => {
    expect(codeOf('https://8.8.8.8/')).toBeNull();
    expect(codeOf('https://news.example.com/story')).toBeNull();
  });

  it('names the URL and the way out in its message', () => {
    try {
      vetUrl('http://10.0.0.5/x', none);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe(
        'refusing to connect to 10.0.0.5 (private address) for http://10.0.0.5/x: add the range to NEWSINT_ALLOW_NETS (or --allow-net) to allow it',
      );
      expect((err as NewsintError).kind).toBe('permanent');
    }
  });
});

describe('isLocalhostName', () => {
  it('knows the names that always mean this machine', () => {
    expect(isLocalhostName('localhost')).toBe(true);
    expect(isLocalhostName('LOCALHOST.')).toBe(true);
    expect(isLocalhostName('api.localhost')).toBe(true);
    expect(isLocalhostName('localhost.example.com')).toBe(false);
    expect(isLocalhostName('notlocalhost')).toBe(false);
  });
});
