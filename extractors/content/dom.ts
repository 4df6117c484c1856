/**
 * Parsing (cheerio with its htmlparser2 backend: fast and forgiving) and the small, iterative
 * tree helpers every content stage shares. Nothing here recurses, so 100k-deep pages are safe.
 */
import { load } from 'cheerio';

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
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } }, true);
  return $.root()[0] as unknown as DomNode;
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
  if (root.type === 'text') return root.data ?? '';
  const parts: string[] = [];
  walk(root, (n) => {
    if (n.type === 'text') parts.push(n.data ?? '');
    else if (n.type === 'comment' || n.type === 'directive') return false;
  });
  return parts.join('');
}

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Detach a node from its parent (the parser's arrays are plain, so splice is enough). */
export function detach(n: DomNode): void {
  const p = n.parent;
  if (!p?.children) return;
  const i = p.children.indexOf(n);
  if (i >= 0) p.children.splice(i, 1);
  n.parent = null;
}
