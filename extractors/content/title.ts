/** Title clean-up: the site's name after a separator, and headlines clipped at a length limit. */

const TITLE_SEP = /\s+[|\-–—»·:]\s+/;

/**
 * Drop a " | Site" style suffix. Headlines from JSON-LD/og:title lose it only when it names
 * the site; a <title> also loses a short trailing segment after | or a dash.
 */
export function stripSiteSuffix(title: string, siteName: string | null, loose: boolean): string {
  const parts = title.split(TITLE_SEP);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  const cut = () => title.slice(0, title.length - last.length).replace(/\s+[|\-–—»·:]\s*$/, '').trim();
  if (siteName && last.toLowerCase() === siteName.toLowerCase()) return cut();
  if (loose && /\s[|\-–—»·]\s+[^|\-–—»·]+$/.test(title) && last.split(/\s+/).length <= 4 && cut().length > last.length) return cut();
  return title;
}

/**
 * A declared title that the pick only cuts short wins: JSON-LD headlines are often clipped at
 * a length limit mid-sentence. The rest must go on with words, not a " | Site" separator.
 */
export function settleTitle(picked: string, declared: string[]): string {
  const open = picked.replace(/(\.\.\.|…)$/, '').trim();
  return declared.find((d) => d.length > open.length + 1 && d.startsWith(open) && /^\s+[\p{L}\p{N}(]/u.test(d.slice(open.length))) ?? picked;
}

/**
 * Drop the site's name in front of a <title> ("Site | Headline"), when words follow it. A name
 * shaped like a host ("site.com Headline") needs no separator: no headline starts with one.
 */
export function stripSitePrefix(title: string, siteName: string | null): string {
  if (!siteName || !title.toLowerCase().startsWith(siteName.toLowerCase())) return title;
  const rest = title.slice(siteName.length);
  const m = /^[\w-]+(\.[\w-]+)+$/.test(siteName) ? /^\s*[|\-–—»·:]\s+|^\s+/.exec(rest) : /^\s*[|\-–—»·:]\s+/.exec(rest);
  const head = m ? rest.slice(m[0].length).trim() : '';
  return /[\p{L}\p{N}]/u.test(head) ? head : title;
}
