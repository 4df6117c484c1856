/**
 * Article metadata in the order of trust: JSON-LD (Article types, @graph), OpenGraph and
 * article: meta, other <meta> names, <time datetime>, byline elements, then <title>.
 */
import type { ContentResult } from './types.js';
import { SMALL_BLOCK_NODES, attr, collapse, isElement, textOf, textWithin, walk, type DomElement, type DomNode } from './dom.js';
import { visibleDate } from './dates.js';
import { isHidden } from './hints.js';
import { settleTitle, stripSitePrefix, stripSiteSuffix } from './title.js';

export type Metadata = Omit<ContentResult, 'text'> & {
  /** JSON-LD articleBody, when the page ships one: a fallback, never trusted blindly. */
  ldBody: string | null;
};

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /(Article|BlogPosting|Posting|Report|NewsArticle)$/;
const PUBLISHED_META = ['article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'dc.date.issued', 'dc.date', 'dcterms.created', 'dcterms.issued', 'sailthru.date', 'parsely-pub-date', 'article.published', 'cxenseparse:recs:publishtime'];
const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified', 'dc.date.modified', 'article.updated'];
const AUTHOR_META = ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl'];
const BYLINE_HINT = /(^|[\s_-])(byline|author|authors|author-name|writer|reporter)([\s_-]|$)/i;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? collapse(decodeEntities(v)) : null);

/** JSON-LD and meta values are not parsed by the HTML parser, so decode the common entities here. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', mdash: '—', ndash: '–', hellip: '…' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return named[code.toLowerCase()] ?? m;
  });
}

function typesOf(o: Json): string[] {
  return asArray(o['@type']).filter((t): t is string => typeof t === 'string');
}

/** Flatten JSON-LD blocks (arrays, @graph, mainEntity) into a list of objects. */
function ldObjects(scripts: string[]): Json[] {
  const out: Json[] = [];
  const queue: unknown[] = [];
  for (const raw of scripts) {
    try {
      // Some sites wrap JSON-LD in CDATA or HTML comments.
      queue.push(JSON.parse(raw.replace(/^\s*(<!--|\/\/<!\[CDATA\[|<!\[CDATA\[)/, '').replace(/(-->|\/\/\]\]>|\]\]>)\s*$/, '')));
    } catch {
      /* malformed JSON-LD is common: skip it */
    }
  }
  let guard = 0;
  while (queue.length > 0 && guard++ < 10_000) {
    const v = queue.shift();
    if (Array.isArray(v)) queue.push(...v);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      out.push(o);
      if (o['@graph']) queue.push(o['@graph']);
      if (o.mainEntity && typeof o.mainEntity === 'object') queue.push(o.mainEntity);
    }
  }
  return out;
}

function personNames(v: unknown): string[] {
  const names: string[] = [];
  for (const a of asArray(v)) {
    if (typeof a === 'string') names.push(...splitNames(a));
    else if (a && typeof a === 'object') {
      const o = a as Json;
      if (typesOf(o).some((t) => /Organization|Corporation/.test(t))) continue;
      const n = str(o.name);
      if (n) names.push(...splitNames(n));
    }
  }
  return names;
}

/** Bylines name people; these words name outlets, agencies or form fields instead. */
const NOT_A_PERSON =
  /\b(press|news|business|international|media|magazine|agency|staff|desk|wire|reuters|associated|times|herald|tribune|journal|online|inc|ltd|llc|editors?|admin|guest|team|by|and|гость|redaktion|rédaction|redacción)\b|[()*:@/]/i;

/** "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"]; drops URLs, handles and outlets. */
export function splitNames(s: string): string[] {
  const cleaned = collapse(s)
    // "By", "Posted by", "Analysis by", "Text:" style lead-ins.
    .replace(/^(\S+\s+){0,2}?by[:\s]+/i, '')
    .replace(/^(written|text|texto|текст|von|par|por)\s*:?\s+/i, '')
    .replace(/\s*[|•·].*$/, '')
    .replace(/,?\s+(staff|reporter|correspondent|contributor|editor)s?\b.*$/i, '');
  if (/https?:|www\.|@|\d/.test(cleaned)) return [];
  return cleaned
    .split(/\s*(?:,|;|\band\b|&)\s*/i)
    .map((n) => n.trim())
    .filter((n) => n.length > 1 && n.split(/\s+/).length <= 5 && /^\p{Lu}/u.test(n) && !NOT_A_PERSON.test(n));
}

/** Page chrome that holds a site's logo or menu headings rather than the article's headline. */
const CHROME = new Set(['header', 'nav', 'footer', 'aside']);
const CONTENT = new Set(['article', 'main']);
export const MIN_HEADLINE_CHARS = 8;
export const MAX_HEADLINE_CHARS = 300;

/** Is this <h1> hidden, or in page chrome outside any article/main? */
function inChromeOrHidden(el: DomElement): boolean {
  let chrome = false;
  let n: DomElement | null = el;
  for (let i = 0; n && i < 40; i++) {
    if (isHidden(n)) return true;
    if (CONTENT.has(n.name)) return false;
    if (CHROME.has(n.name)) chrome = true;
    n = n.parent && isElement(n.parent) ? n.parent : null;
  }
  return chrome;
}

/** An <h1> that is all one link to the site's front page is its logo, not a headline. */
function isHomeLink(h1: DomElement): boolean {
  const links: DomElement[] = [];
  let other = false;
  walk(h1, (n) => {
    if (isElement(n) && n.name === 'a') links.push(n);
    else if (n.type === 'text' && n.data?.trim() && !links.some((a) => within(n, a))) other = true;
  });
  return !other && links.length === 1 && /^(https?:\/\/[^/?#]+)?\/?(index\.html?)?$/i.test(attr(links[0]!, 'href').trim());
}

function within(n: DomNode, root: DomElement): boolean {
  for (let p = n.parent; p; p = p.parent) if (p === root) return true;
  return false;
}

/** Share of a headline's words that a declared title must repeat for the two to agree. */
export const HEADLINE_AGREEMENT = 0.5;

function titleWords(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of `a`'s words found in `b`. */
function wordOverlap(a: string, b: string): number {
  const wa = titleWords(a);
  if (wa.length === 0) return 0;
  const wb = new Set(titleWords(b));
  return wa.filter((w) => wb.has(w)).length / wa.length;
}

/** Leaf-ish elements whose short text may be a dateline. */
const DATELINE_TAGS = new Set(['time', 'span', 'div', 'p', 'li', 'small', 'em', 'strong', 'b', 'dd']);
const BLOCKISH = new Set(['div', 'p', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Comment forms and comment lists carry "author" fields that are not the article's byline. */
function inFormOrComments(el: DomElement): boolean {
  let n: DomElement | null = el;
  for (let i = 0; n && i < 30; i++) {
    if (n.name === 'form' || n.name === 'label' || /comment|respond|reply/i.test(`${attr(n, 'class')} ${attr(n, 'id')}`)) return true;
    n = n.parent && isElement(n.parent) ? n.parent : null;
  }
  return false;
}

/**
 * A headline whose text lost characters to a bad encoding ("Beginner? Guide") next to a declared
 * title with the same letters elsewhere: the declared one is what the page meant.
 */
function repairedHeadline(h: string, declared: string[]): string {
  if (!/[?\uFFFD]/.test(h)) return h;
  const pattern = new RegExp(`^${h.split(/[?\uFFFD]/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(".{1,2}")}$`, 'u');
  return declared.find((d) => d !== h && !d.includes('\uFFFD') && pattern.test(d)) ?? h;
}

const uniq = (xs: string[]) => [...new Set(xs)];

function validDate(v: string | null | undefined): string | null {
  if (!v) return null;
  const s = v.trim();
  return s && !Number.isNaN(Date.parse(s)) ? s : null;
}

function normalizeLanguage(v: string | null | undefined): string | null {
  if (!v) return null;
  const s = v.trim().split(/[,;\s]/)[0]!.replace(/_/g, '-');
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(s)) return null;
  const [lang, ...rest] = s.split('-');
  return [lang!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}

export function extractMetadata(all: DomElement[]): Metadata {
  const meta = new Map<string, string[]>();
  const ldScripts: string[] = [];
  let lang: string | null = null;
  let httpLang: string | null = null;
  let canonical: string | null = null;
  let titleTag: string | null = null;
  let firstTime: string | null = null;
  const h1s: string[] = [];
  /** The text of an <h1> that only links to the front page: the site's name as its logo shows it. */
  let logo: string | null = null;
  /** Headline candidates: visible <h1>s outside page chrome, in document order. */
  const headlines: string[] = [];
  /** A headline's text without the <time> inside it ("Dec 18 2025 Preparing a ..."), when it has one. */
  const withoutTime = new Map<string, string>();
  const bylines: string[] = [];
  /** The first dateline after the first headline, and the first anywhere. */
  let datelineAfter: string | null = null;
  let datelineAny: string | null = null;

  for (const el of all) {
    const name = el.name;
    if (name === 'html') lang ??= normalizeLanguage(attr(el, 'lang') || attr(el, 'xml:lang'));
    else if (name === 'meta') {
      const key = (attr(el, 'property') || attr(el, 'name') || attr(el, 'itemprop')).toLowerCase();
      const content = attr(el, 'content') || attr(el, 'datetime');
      if (key && content) meta.set(key, [...(meta.get(key) ?? []), decodeEntities(content)]);
      if (attr(el, 'http-equiv').toLowerCase() === 'content-language') httpLang ??= normalizeLanguage(content);
    } else if (name === 'link') {
      if (!canonical && attr(el, 'rel').toLowerCase().split(/\s+/).includes('canonical') && attr(el, 'href')) canonical = attr(el, 'href').trim();
    } else if (name === 'script') {
      if (/ld\+json/i.test(attr(el, 'type'))) ldScripts.push(textOf(el));
    } else if (name === 'title') titleTag ??= collapse(textOf(el)) || null;
    else if (name === 'time') firstTime ??= validDate(attr(el, 'datetime'));
    else if (name === 'h1' && isHomeLink(el)) logo ??= collapse(textWithin(el, SMALL_BLOCK_NODES) ?? '') || null;
    else if (name === 'h1' && h1s.length < 5) {
      const t = collapse(textWithin(el, SMALL_BLOCK_NODES) ?? '');
      if (t) h1s.push(t);
      if (t.length >= MIN_HEADLINE_CHARS && t.length <= MAX_HEADLINE_CHARS && !inChromeOrHidden(el)) {
        headlines.push(t);
        const bare = collapse(textWithin(el, SMALL_BLOCK_NODES, (n) => n.name === 'time') ?? '');
        if (bare && bare !== t) withoutTime.set(t, bare);
      }
    }
    if (!datelineAfter && DATELINE_TAGS.has(name) && !el.children.some((c) => isElement(c) && BLOCKISH.has(c.name))) {
      const raw = textWithin(el, 20);
      const day = raw && raw.length < 400 ? visibleDate(collapse(raw)) : null;
      if (day && !inFormOrComments(el)) {
        datelineAny ??= day;
        if (headlines.length > 0) datelineAfter = day;
      }
    }
    if (bylines.length < 3 && name !== 'meta' && name !== 'link' && name !== 'html' && name !== 'body') {
      const hint = `${attr(el, 'class')} ${attr(el, 'id')} ${attr(el, 'rel')} ${attr(el, 'itemprop')}`;
      if (BYLINE_HINT.test(hint) && !inFormOrComments(el)) {
        const t = collapse(textWithin(el, SMALL_BLOCK_NODES) ?? '');
        if (t && t.length < 80) bylines.push(t);
      }
    }
  }

  const first = (keys: string[], check: (v: string) => string | null = (v) => v || null): string | null => {
    for (const k of keys) for (const v of meta.get(k) ?? []) {
      const ok = check(collapse(v));
      if (ok) return ok;
    }
    return null;
  };

  const objs = ldObjects(ldScripts);
  const article = objs.find((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t))) ?? null;
  const ldPage = objs.find((o) => typesOf(o).some((t) => /WebPage$/.test(t))) ?? null;
  const publisher = (article?.publisher ?? ldPage?.publisher) as Json | undefined;

  const siteName = first(['og:site_name']) ?? str(publisher?.name) ?? first(['application-name']);
  // The headline as the page shows it: the first visible <h1> outside the page chrome that is
  // not the site's name (a logo) nor the tail of <title> (" | Site"). Metadata headlines are
  // often SEO variants of it, so they are the fallback.
  const titleKey = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const tagKey = titleTag ? titleKey(titleTag) : '';
  const declared = [str(article?.headline), first(['og:title']), first(['twitter:title']), titleTag].filter((t): t is string => Boolean(t));
  const plausible = headlines.filter((h) => {
    const k = titleKey(h);
    if (siteName && k === titleKey(siteName)) return false;
    return !(tagKey.endsWith(k) && !tagKey.startsWith(k));
  });
  // An <h1> that shares most of its words with a declared title is the headline; one that
  // shares none ("The Blog", a menu label) is not, when the page declares a title at all.
  // The best-agreeing <h1> wins (the first among equals): a page may show its section or
  // blog name in an <h1> that shares a word or two with the title before the headline's own.
  const agreement = (h: string) => Math.max(0, ...declared.map((d) => wordOverlap(h, d)));
  let headline: string | undefined;
  let best = HEADLINE_AGREEMENT;
  for (const h of plausible) {
    const a = agreement(h);
    if (a >= best && (headline === undefined || a > best)) [headline, best] = [h, a];
  }
  if (declared.length === 0) headline ??= plausible[0];
  // A <time> inside the <h1> is its dateline, not its words, when the declared titles say so:
  // the headline without it agrees with them better than with it.
  const bare = headline && withoutTime.get(headline);
  if (bare && agreement(bare) > agreement(headline!)) headline = bare;
  headline &&= repairedHeadline(headline, declared);
  // An <h1> stands in for a missing og/JSON-LD title; one in the page chrome (a blog's name in
  // its header) only when <title> agrees with it.
  const h1Title = plausible[0] ?? (h1s[0] && (!titleTag || wordOverlap(h1s[0], titleTag) >= HEADLINE_AGREEMENT) ? h1s[0] : null);
  const metaTitle = str(article?.headline) ?? first(['og:title', 'twitter:title']);
  const rawTitle = metaTitle ?? h1Title;
  // An og:title that is <title> verbatim carries the same " | Section" tail, so it is cut the same way.
  const picked = headline ?? (rawTitle ? stripSiteSuffix(rawTitle, siteName, rawTitle === titleTag) : titleTag ? stripSiteSuffix(stripSitePrefix(titleTag, siteName ?? logo), siteName ?? logo, true) : null);
  // Only metadata headlines are clipped at a length limit; an <h1> on the page is whole.
  const title = picked && !headline ? settleTitle(picked, declared.map((d) => stripSiteSuffix(d, siteName, d === titleTag))) : picked;

  const notSite = (a: string) => !siteName || !siteName.toLowerCase().includes(a.toLowerCase());
  let authors = uniq(personNames(article?.author ?? article?.creator)).filter(notSite);
  if (authors.length === 0) {
    const metaAuthors = AUTHOR_META.flatMap((k) => meta.get(k) ?? []).flatMap(splitNames);
    authors = uniq(metaAuthors.filter(notSite));
  }
  if (authors.length === 0) authors = uniq(bylines.flatMap(splitNames)).filter(notSite);

  const anyPublished = objs.map((o) => validDate(str(o.datePublished))).find(Boolean) ?? null;
  const publishedAt =
    validDate(str(article?.datePublished) ?? str(article?.dateCreated)) ??
    first(PUBLISHED_META, validDate) ??
    firstTime ??
    // Any JSON-LD object's datePublished (a WebPage's), then a date the page shows its readers.
    anyPublished ??
    datelineAfter ??
    datelineAny;
  const modifiedAt = validDate(str(article?.dateModified)) ?? first(MODIFIED_META, validDate);

  return {
    title,
    authors: authors.slice(0, 10),
    publishedAt,
    modifiedAt,
    canonicalUrl: canonical ?? first(['og:url']),
    siteName,
    language: lang ?? httpLang ?? normalizeLanguage(first(['og:locale', 'language', 'dc.language'])),
    ldBody: str(article?.articleBody) ? String(article!.articleBody) : null,
  };
}
