/**
 * Sitemap parsers (sitemaps.org urlset, sitemap index, Google News sitemap: the news
 * extension lives inside <url>, so its <loc> is read the same way). Pure.
 */
import type { CheerioAPI } from 'cheerio';

function locs($: CheerioAPI, parent: string, base: string): string[] {
  const out: string[] = [];
  $(parent).each((_, el) => {
    const loc = $(el).children('loc').first().text().trim();
    if (!loc) return;
    try {
      const url = new URL(loc, base);
      if (url.protocol === 'http:' || url.protocol === 'https:') out.push(url.toString());
    } catch {
      // A broken <loc> is skipped; the rest of the sitemap still counts.
    }
  });
  return out;
}

export function urlsetLinks($: CheerioAPI, base: string): string[] {
  return locs($, 'url', base);
}

export function sitemapIndexLinks($: CheerioAPI, base: string): string[] {
  return locs($, 'sitemap', base);
}
