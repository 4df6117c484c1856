/**
 * Generic boilerplate signals from tags, ARIA roles and class/id words (never one site's
 * names): what is always junk, what is probably boilerplate, what is probably the article.
 */
import { attr, type DomElement } from './dom.js';

/** Never text: dropped with their subtree before anything else. */
export const JUNK_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'source', 'track', 'img', 'picture', 'map', 'button', 'input', 'select', 'textarea', 'option', 'optgroup', 'datalist',
  'head', 'title', 'meta', 'link', 'base', 'dialog', 'frame', 'frameset', 'applet', 'param',
]);

/** Page furniture by tag: navigation, asides, footers, figures and their captions. */
export const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'figure', 'figcaption', 'menu', 'header']);

const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'menu', 'menubar', 'alert', 'alertdialog', 'tooltip']);

/** Whole class/id words that mark furniture. */
const NEG_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'footer', 'header', 'masthead', 'breadcrumb', 'breadcrumbs',
  'related', 'share', 'shares', 'sharing', 'social', 'promo', 'promos', 'newsletter', 'subscribe', 'subscription',
  'signup', 'comment', 'comments', 'caption', 'captions', 'credit', 'credits', 'bio', 'sidebar', 'ad', 'ads', 'adv',
  'advert', 'adverts', 'advertisement', 'advertising', 'sponsor', 'sponsored', 'widget', 'widgets', 'tags', 'tag',
  'popup', 'modal', 'cookie', 'cookies', 'outbrain', 'taboola', 'recirc', 'trending', 'popular', 'byline', 'author',
  'authors', 'dateline', 'timestamp', 'date', 'pubdate', 'published', 'updated', 'posted', 'toolbar', 'pagination', 'pager', 'disqus', 'gallery', 'slideshow', 'lightbox',
  'hidden', 'hide', 'overlay', 'banner', 'dfp', 'recommended', 'recommendations', 'partner', 'partners',
  'print', 'rating', 'reactions', 'feedback', 'jump', 'skip', 'meta', 'tools', 'utility', 'figure',
  'topics', 'keywords', 'login', 'cta', 'slider', 'carousel', 'teaser', 'teasers', 'aside', 'rail', 'disclaimer', 'sronly',
]);

/** Compound words without separators ("sharebar", "relatedPosts", "adslot"). */
const NEG_SUBSTR = /share|social|related|newsletter|sidebar|footer|breadcrumb|promo|sponsor|advert|outbrain|taboola|comment(?!ary)|subscri|signup|recirc|byline|caption|credit|trending|toolbar|widget|cookie|popup|screen-?reader|visually-?hidden|sr-only/;

/**
 * Words that page builders also put on the wrappers of an article's own sections ("widget",
 * "meta_field", "jump-section", "hs-search-hidden"): on a block of running prose they are not
 * enough to drop it. The other words name furniture whatever its size (comments, related).
 */
const WEAK_WORDS = new Set([
  'widget', 'widgets', 'tags', 'tag', 'dateline', 'timestamp', 'date', 'pubdate', 'published', 'updated', 'posted',
  'toolbar', 'pagination', 'pager', 'gallery', 'slideshow', 'lightbox', 'hidden', 'hide', 'header', 'masthead',
  'partner', 'partners', 'print', 'rating', 'reactions', 'feedback', 'jump', 'skip', 'meta', 'tools', 'utility',
  'figure', 'topics', 'keywords', 'slider', 'carousel', 'aside',
]);
const WEAK_SUBSTR = /widget|toolbar/g;
const HIDDEN_CLASS = /\s(is-|u-)?(hidden|hide)\s/i;

const POS_WORDS = new Set(['article', 'body', 'content', 'main', 'story', 'post', 'entry', 'text', 'prose', 'blog', 'news', 'richtext', 'column']);

/** Lower-case words of an element's class and id, split on separators and camelCase. */
const HEADING = /^h[1-6]$/;

/** Anchors named after a heading's words run to this many words or more; layout ids are shorter. */
export const SLUG_WORDS = 5;
const isTextSlug = (id: string) => id.split(/[-_]+/).filter(Boolean).length >= SLUG_WORDS;

export function hintWords(el: DomElement): string[] {
  // A heading's id is an anchor named after its words ("recommendations"), not a layout hint.
  // Nor is an id that is a slug of a sentence ("1-heading-how-popular-are-meditation-apps").
  const id = attr(el, 'id');
  const raw = HEADING.test(el.name) || isTextSlug(id) ? attr(el, 'class') : `${attr(el, 'class')} ${id}`;
  if (!raw.trim()) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function hintString(el: DomElement): string {
  return `${attr(el, 'class')} ${attr(el, 'id')}`.toLowerCase();
}

/** schema.org microdata naming the body: the page says outright where the article is. */
export function isMarkedArticleBody(el: DomElement): boolean {
  return /articlebody/i.test(attr(el, 'itemprop'));
}

/** Does class/id/role say "furniture"? */
export function looksLikeBoilerplate(el: DomElement): boolean {
  if (isMarkedArticleBody(el)) return false;
  const role = attr(el, 'role').toLowerCase();
  if (role && BOILERPLATE_ROLES.has(role)) return true;
  const words = hintWords(el);
  if (words.length === 0) return false;
  if (words.some((w) => NEG_WORDS.has(w))) return true;
  return NEG_SUBSTR.test(words.join(' '));
}

/**
 * How sure class/id/role are that this is furniture: 'strong' (comments, related, share, nav,
 * ads...), 'weak' (only words that page builders also use on content wrappers), or null.
 */
export function boilerplateHint(el: DomElement): 'strong' | 'weak' | null {
  if (isMarkedArticleBody(el)) return null;
  const role = attr(el, 'role').toLowerCase();
  if (role && BOILERPLATE_ROLES.has(role)) return 'strong';
  const words = hintWords(el);
  if (words.length === 0) return null;
  // "hidden" names the element only as a class of its own ("hidden", "is-hidden"); inside a
  // compound ("field--label-hidden", "search-hidden") it hides a part or a feature, not the block.
  const ownHidden = HIDDEN_CLASS.test(` ${attr(el, 'class')} `);
  const neg = words.filter((w) => NEG_WORDS.has(w) && (ownHidden || (w !== 'hidden' && w !== 'hide')));
  if (neg.some((w) => !WEAK_WORDS.has(w))) return 'strong';
  const joined = words.join(' ');
  if (NEG_SUBSTR.test(joined.replace(WEAK_SUBSTR, ' '))) return 'strong';
  return neg.length > 0 || NEG_SUBSTR.test(joined) ? 'weak' : null;
}

/** +1 for article-ish class/id words, -1 for furniture, 0 for neither (like Readability's class weight). */
export function classWeight(el: DomElement): number {
  const words = hintWords(el);
  let w = isMarkedArticleBody(el) ? 1 : 0;
  if (words.some((x) => POS_WORDS.has(x))) w += 1;
  if (words.some((x) => NEG_WORDS.has(x)) || NEG_SUBSTR.test(words.join(' '))) w -= 1;
  return w;
}

export function isHidden(el: DomElement): boolean {
  if (el.attribs.hidden !== undefined) return true;
  if (attr(el, 'aria-hidden').toLowerCase() === 'true') return true;
  const style = attr(el, 'style');
  return style !== '' && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Short lines that are furniture whatever their markup. */
export const BOILERPLATE_LINE =
  /^(advertisement|advertising|sponsored( content)?|ad|anzeige|publicit[ée]|publicidad|pubblicit[àa]|реклама|iklan|story continues below|continue reading|read more|read next|related( articles| stories| coverage| content| posts)?|see also|more from|recommended|you may also like|sign up|subscribe|share( this)?( article| story)?|follow us|click here|image|photo|getty images|copyright|©|don['’]t miss|must read|trending|watch|comments?( \(\d+\))?|text size|more\b.{0,40}\b(stories|news|articles|coverage|reading))\b/i;

/** Consent small print of sign-up and contact forms ("By signing up, you agree to..."). */
export const CONSENT_LINE =
  /^by (signing up|subscribing|clicking|submitting|registering|entering|providing|continuing|checking)\b.{0,200}\b(agree|consent|confirm|accept|acknowledge)/i;

/** Closing credit lines: who reported, whom to write to. */
export const CREDIT_LINE =
  /^(\(?(additional )?reporting by\b|write to \S+|contact (the )?(writer|author|reporter)\b|.{2,80} contributed (to )?(this )?report(ing)?\b)/i;

/** Author bios and social plugs, which close a story: only checked on its last paragraphs. */
export const TRAILER_LINE =
  /^(\p{Lu}[\p{L}.'’-]+(\s\p{Lu}[\p{L}.'’-]+){0,3} (is|was) (a|an|the|\p{Lu}\S*['’]s)\b.{0,120}\b(writer|editor|reporter|correspondent|journalist|curator|contributor|columnist|producer|author|blogger)\b|.{0,200}\bfollow (him|her|them|us|me)( on| at|:)|join our\b|subscribe to\b|via \S+$)/iu;
export const MAX_TRAILER_CHARS = 400;

/** "Related: <headline>" style teasers, whatever their length. */
export const TEASER_LINE = /^(related|see more|read more|see also|read also|also read|don['’]t miss|more|watch|listen|recommended|trending|filed under|tags?|topics?|categories)\s*:/i;

/** Template filler text: placeholder copy a page builder left in a block. */
export const PLACEHOLDER_TEXT = /^lorem ipsum\b/i;

/**
 * The opening of an author bio: a full name, then "is a/the ... <role>" ("Jane Roe is the owner
 * of a cleaning company", "Sam Lee is a contributing analyst covering energy").
 */
export const BIO_START =
  /^(\p{Lu}[\p{L}'’-]+)(\s\p{Lu}[\p{L}.'’-]+){1,3},? (is|was|has been) (a|an|the|\p{Lu}\S*['’]s)\b.{0,160}\b(writer|editor|reporter|correspondent|journalist|contributor|columnist|author|blogger|owner|founder|co-?founder|ceo|analyst|consultant|researcher|professor|strategist|coach|instructor)s?\b/u;
/** A bio and what follows it at the very end of a story, at most this long. */
export const MAX_BIO_CHARS = 1200;
