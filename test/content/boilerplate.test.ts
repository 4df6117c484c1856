import { describe, expect, it } from 'vitest';
import { extractContent } from '../../extractors/content/index.js';

const BODY = [
  'The agency said the attackers exploited a flaw in the vendor’s file transfer software to reach internal systems, and stole records.',
  'Officials urged customers to apply the patch, rotate credentials, and review logs for signs of access since early October.',
  'The vendor said fewer than one percent of its customers were affected, though the figure could rise as reviews continue.',
].map((s) => `<p>${s}</p>`);
const expected = BODY.map((p) => p.slice(3, -4)).join('\n\n');

/** The article with one piece of furniture inserted after its second paragraph. */
const page = (junk: string) =>
  `<html><body><div class="page"><div class="story">${BODY[0]}${BODY[1]}${junk}${BODY[2]}</div></div></body></html>`;

const cases: Record<string, string> = {
  'share bar': '<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <span>Email this article to a friend</span></div>',
  'newsletter box': '<div class="newsletter-signup"><p>Get the latest threat intelligence, vulnerability news, and analysis in your inbox every morning.</p></div>',
  'advertisement': '<div class="ad-slot"><p>Advertisement</p><p>Sponsored by Contoso Cloud Security, the platform trusted by analysts, worldwide.</p></div>',
  'related list': '<div class="related-stories"><h3>Related</h3><ul><li><a href="/x">Lazarus hits another exchange, stealing millions in tokens</a></li><li><a href="/y">Inside a ransomware negotiation, step by step</a></li></ul></div>',
  'dig deeper list (links only, no class)': '<div><h4>Dig deeper</h4><ul><li><a href="/1">How Volt Typhoon hides in routers and firewalls</a></li><li><a href="/2">What the FBI says about Salt Typhoon</a></li></ul></div>',
  'figure with caption and credit': '<figure><img src="a.jpg"><figcaption>A server room in Virginia. Getty Images/iStockphoto</figcaption></figure>',
  'caption by class': '<div class="image-caption">Analysts at work in an operations centre, photographed last spring, in Boston.</div>',
  'author bio': '<div class="author-bio"><p>Jane Roe is a news writer for Example Security covering malware, espionage, and policy.</p></div>',
  'comments': '<section id="comments"><p>Great article, thanks, I have been saying this for years, patch your systems people!</p></section>',
  'aside': '<aside><p>Most read: why APT28 keeps phishing ministries, and what they can do about it.</p></aside>',
  'hidden block': '<div style="display:none"><p>Hidden text that a reader never sees, which should not be part of the body.</p></div>',
  'tag list': '<div class="tags"><a href="/t/ransomware">Ransomware</a> <a href="/t/cisa">CISA</a> <a href="/t/china">China</a></div>',
  'list of partly linked teasers': '<div class="heading">More Great Stories</div><ul><li>Ransomware gangs <a href="/1">change their tactics again</a></li><li>Why routers <a href="/2">are the new front line</a></li><li>Inside the <a href="/3">hunt for a botnet</a></li></ul>',
  'filed-under line': '<p>Filed under: Ransomware | Healthcare</p>',
  'caption span after an image and a line break': '<div><div class="pic"><img src="a.jpg"></div><br><span class="small">The operations floor, seen from above</span></div>',
  'dateline with a <time>': '<div class="x"><span>Updated</span> <time datetime="2024-11-14T10:00:00Z">Nov. 14, 2024, 10:00 a.m.</time></div>',
  'template filler paragraph': '<div class="row"><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p></div>',
  'long consent small print': '<div><p>By signing up, you agree to receive recurring automated text messages from Example Deals at the number provided. Consent is not a condition of purchase. Message frequency varies. Message and data rates may apply. Reply HELP for help and STOP to cancel at any time. See our terms and privacy notice for details on how we use your number.</p></div>',
  'Read more teaser line': '<p><strong>Read more:</strong> <a href="/z">Hackers breached a water utility in Texas, officials confirm</a></p>',
};

describe('extractContent removes boilerplate', () => {
  for (const [kind, junk] of Object.entries(cases)) {
    it(`drops a ${kind}`, () => {
      expect(extractContent(page(junk)).text).toBe(expected);
    });
  }

  it('drops the headline and the byline/date line from the body', () => {
    const html = `<article><h1>Vendor confirms breach</h1><div class="byline">By Jane Roe | <time datetime="2024-11-14">Nov. 14, 2024</time></div>${BODY.join('')}</article>`;
    expect(extractContent(html).text).toBe(expected);
  });

  it('keeps a big block whose class merely mentions a sidebar layout', () => {
    const html = `<html><body><div class="content has-sidebar">${BODY.join('')}</div><div class="sidebar"><p>Popular: a list of other things that do not matter.</p></div></body></html>`;
    expect(extractContent(html).text).toBe(expected);
  });
});

describe('extractContent removes captions without class hints', () => {
  it('drops a short line right after an image block, and keeps body text beside images', () => {
    const html = `<article>${BODY[0]}<div><img src="map.png"></div><div>Map of the affected region. (Example Agency)</div>${BODY[1]}<p><img src="x.png"></p>${BODY[2]}</article>`;
    expect(extractContent(html).text).toBe(expected);
  });

  it('drops an author bio of several paragraphs that closes the story', () => {
    const bio = ['Jane Roe is the owner of Example Cleaning, a company serving the greater Denver area since 2009.', 'Jane holds an MBA from a large state university and a degree in finance.', 'When she is not running the business, she volunteers at a local school.'];
    const html = `<article>${BODY.join('')}${bio.map((b) => `<p>${b}</p>`).join('')}</article>`;
    expect(extractContent(html).text).toBe(expected);
  });

  it('keeps a closing paragraph that introduces a person when the story goes on about something else', () => {
    const last = ['John Doe is the founder of the incident response firm that led the investigation.', 'The breach was first reported by a customer in September, and the firm was called in days later.'];
    const html = `<article>${BODY.join('')}${last.map((b) => `<p>${b}</p>`).join('')}</article>`;
    expect(extractContent(html).text).toBe([expected, ...last].join('\n\n'));
  });

  it('drops credit lines at the end of the story', () => {
    const html = `<article>${BODY.join('')}<p>Jane Roe contributed to this report.</p><p>Write to John Doe at john@example.com</p></article>`;
    expect(extractContent(html).text).toBe(expected);
  });

  it('keeps a tag-styled link inside a sentence', () => {
    const html = `<article><p>The hazard of deep <a class="textTag" href="/tags/space">space travel</a> is radiation, engineers said, again and again.</p>${BODY.join('')}</article>`;
    expect(extractContent(html).text.split('\n\n')[0]).toBe('The hazard of deep space travel is radiation, engineers said, again and again.');
  });
});

describe('extractContent drops closing bios and plugs', () => {
  it('drops an unclassed author bio and a follow plug at the end, not a similar sentence mid-story', () => {
    const mid = '<p>Sam Lee is a reporter who first saw the leaked files, and she shared them with investigators in May.</p>';
    const html = `<article>${BODY[0]}${mid}${BODY[1]}${BODY[2]}<p>Jane Doe is a news writer for Example Security covering malware.</p><p>Follow her on Mastodon for more.</p></article>`;
    const paras = expected.split('\n\n');
    expect(extractContent(html).text).toBe([paras[0], mid.slice(3, -4), paras[1], paras[2]].join('\n\n'));
  });
});
