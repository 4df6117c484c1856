/**
 * Parsing (cheerio with its htmlparser2 backend: fast and forgiving) and the small, iterative
 * tree helpers every content stage shares. Nothing here recurses, so 100k-deep pages are safe.
 */
// cheerio/slim is the same load on htmlparser2 (what the options below choose anyway), without
// parse5, undici and encoding sniffing: about 5 MB of heap and 11 MB of memory less in every
// extraction thread.
import { load } from 'cheerio/slim';

/** The slice of domhandler's node shape we rely on (structural, so we need no extra dependency). */
export interface DomNode {
  type: string;
  parent: DomNode | null;
  children?: DomNode[];
  name?: string;
  attribs?: Record<string, string>;
  data?: string;
}

export interface DomElement extends DomNode {
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}

export function parseHtml(html: string): DomNode {
  const $ = load(limitDepth(html), { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } }, true);
  return $.root()[0] as unknown as DomNode;
}

/** Real pages nest a few dozen levels; past this the extra tags carry no structure worth keeping. */
export const MAX_DEPTH = 256;
const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(\/?)>|<!--/g;
/** Void elements and those the parser closes implicitly do not deepen the tree. */
const FLAT_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th',
]);
/** Raw-text elements: what looks like tags inside them (script comparisons) is not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);

/** Spans [start, end) of tags opened beyond `max` and their closing tags; null if the page is shallow. */
function tooDeep(html: string, max: number, collect: boolean): Array<[number, number]> | null {
  const drops: Array<[number, number]> = [];
  let depth = 0;
  let deep = false;
  const re = new RegExp(TAG_RE.source, 'g');
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      if (end < 0) break;
      re.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (!m[1] && RAW_TEXT.has(name)) {
      const closeRe = new RegExp(`</${name}`, 'gi');
      closeRe.lastIndex = re.lastIndex;
      if (!closeRe.exec(html)) break;
      re.lastIndex = closeRe.lastIndex;
      continue;
    }
    if (FLAT_TAGS.has(name) || m[3]) continue;
    if (m[1]) {
      if (depth > max && collect) drops.push([m.index, m.index + m[0].length]);
      depth = Math.max(0, depth - 1);
    } else if (++depth > max) {
      deep = true;
      if (!collect) return drops;
      drops.push([m.index, m.index + m[0].length]);
    }
  }
  return deep ? drops : null;
}

/**
 * The parser keeps its open-element stack with Array.unshift, so each tag costs O(depth):
 * 100k-deep input would take minutes. Tags opened beyond MAX_DEPTH (and their closing tags)
 * are dropped before parsing, keeping their text; normal pages pass through untouched.
 */
export function limitDepth(html: string, max = MAX_DEPTH): string {
  if (html.length < max * 4 || !tooDeep(html, max, false)) return html;
  const drops = tooDeep(html, max, true) ?? [];
  const out: string[] = [];
  let at = 0;
  for (const [a, b] of drops) {
    out.push(html.slice(at, a), ' ');
    at = b;
  }
  out.push(html.slice(at));
  return out.join('');
}

export const isElement = (n: DomNode): n is DomElement =>
  (n.type === 'tag' || n.type === 'script' || n.type === 'style') && typeof n.name === 'string';

export const isText = (n: DomNode): boolean => n.type === 'text';

export function attr(el: DomNode, name: string): string {
  return el.attribs?.[name] ?? '';
}

/**
 * Visit every node in document order without recursion. `enter` may return false to skip
 * a subtree; `leave` runs after an element's children.
 */
export function walk(root: DomNode, enter: (n: DomNode) => boolean | void, leave?: (n: DomNode) => void): void {
  const stack: Array<{ node: DomNode; i: number }> = [];
  const start = root.children ?? [];
  stack.push({ node: root, i: 0 });
  if (start.length === 0) return;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = top.node.children ?? [];
    if (top.i >= kids.length) {
      stack.pop();
      if (leave && stack.length > 0) leave(top.node);
      continue;
    }
    const child = kids[top.i++]!;
    if (enter(child) === false) continue;
    if (child.children && child.children.length > 0) stack.push({ node: child, i: 0 });
    else if (leave) leave(child);
  }
}

/** Every element under root in document order. */
export function elements(root: DomNode): DomElement[] {
  const out: DomElement[] = [];
  walk(root, (n) => {
    if (isElement(n)) out.push(n);
  });
  return out;
}

/** Raw text of a subtree (entities are already decoded by the parser). */
export function textOf(root: DomNode): string {
  return textWithin(root, Infinity) ?? '';
}

/**
 * Text of a subtree of at most `maxNodes` nodes, else null. Checks that run on many nested
 * elements use it so that pathological nesting stays linear.
 */
export function textWithin(root: DomNode, maxNodes: number, skip?: (n: DomNode) => boolean): string | null {
  if (root.type === 'text') return root.data ?? '';
  const parts: string[] = [];
  let seen = 0;
  let over = false;
  walk(root, (n) => {
    if (over || ++seen > maxNodes) {
      over = true;
      return false;
    }
    if (n.type === 'text') parts.push(n.data ?? '');
    else if (n.type === 'comment' || n.type === 'directive' || (n !== root && skip?.(n))) return false;
  });
  return over ? null : parts.join('');
}

/** Node budget for text checks on single blocks (a headline, a short line). */
export const SMALL_BLOCK_NODES = 200;

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Detach a node from its parent (the parser's arrays are plain, so splice is enough). */
export function detach(n: DomNode): void {
  const p = n.parent;
  if (!p?.children) return;
  const i = p.children.indexOf(n);
  if (i >= 0) p.children.splice(i, 1);
  n.parent = null;
}
