/**
 * URL canonicalization shared by record ids, discovery and job ids: one article, one key.
 * Lower-case scheme and host, default port dropped, fragment dropped, tracking
 * parameters (utm_*, fbclid, ...) removed, remaining query sorted.
 */

/** Query parameters that only track the click, never select the content. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid',
  'yclid', '_hsenc', '_hsmi', 'mkt_tok', 'ref_src', 'spm', 'cmpid', 'oly_enc_id', 'oly_anon_id',
  'vero_id', 'rb_clickid', 's_cid', 'ncid', 'sr_share', 'share',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('pk_') || n.startsWith('mtm_') || TRACKING_PARAMS.has(n);
}

/** Returns the canonical form of an absolute http(s) URL, or null when `input` is not one. */
export function canonicalizeUrl(input: string, base?: string): string | null {
  let url: URL;
  try {
    url = base ? new URL(input.trim(), base) : new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  // URL already lower-cases the host and drops default ports.
  const kept = [...url.searchParams.entries()].filter(([k]) => !isTracking(k));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  return url.toString();
}
