/**
 * Town Square Kit: right-to-left where the text is (no JupyterLab import: the nbconvert
 * template inlines the compiled file as it is).
 *
 * Every rendered Markdown block (headings, paragraphs, list items, table cells, block
 * quotes) in Markdown cells and in Markdown/HTML outputs gets `dir="auto"`: the browser gives
 * it the direction of its first strong character, so an Arabic paragraph reads right to left
 * and an English one left to right in the same notebook. The stylesheet aligns blocks to
 * their start. Code (`pre`, `code`) is marked left to right, which also keeps a code span out
 * of the direction guess of the paragraph around it. A `dir` written by the author (or by the
 * kit's own HTML outputs) always wins: nothing inside it is touched.
 */
/** Rendered Markdown (cells, outputs, the Markdown viewer) and HTML outputs. */
export const SCOPE = '.jp-RenderedMarkdown, .jp-RenderedHTML';
/** Blocks whose direction the browser finds by itself (`dir="auto"`). */
export const BLOCKS =
  'p, h1, h2, h3, h4, h5, h6, li, td, th, dt, dd, caption, figcaption, summary';
/**
 * Blocks that hold other blocks. `dir="auto"` would skip their children (which carry their
 * own `dir`), so their direction is that of the first strong character of their text.
 */
export const CONTAINERS = 'ul, ol, dl, table, blockquote, details';
/** Code stays left to right. */
export const CODE = 'pre, code';
/** Marks the attributes this extension wrote (never an author's). */
export const MARK = 'data-kit-bidi';

// Strong right-to-left: Hebrew, Arabic, Syriac, Thaana, NKo, ... and the RIGHT-TO-LEFT MARK
// (U+200F, `&rlm;`); strong left-to-right: other letters and the LEFT-TO-RIGHT MARK (U+200E).
const RTL_CHAR =
  /[\u200F\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const LETTER = /[\p{L}\u200E]/u;
const SKIP = new Set(['PRE', 'CODE', 'SCRIPT', 'STYLE', 'TEXTAREA', 'BDI', 'svg', 'SVG']);

/** 'rtl' or 'ltr' for the first strong (letter) character of a string, or null. */
export function directionOfText(text: string): 'rtl' | 'ltr' | null {
  for (const ch of text) {
    if (RTL_CHAR.test(ch)) {
      return 'rtl';
    }
    if (LETTER.test(ch)) {
      return 'ltr';
    }
  }
  return null;
}

/** The first strong character's direction in an element's text, skipping code. */
function directionOfElement(root: Element): 'rtl' | 'ltr' | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node: Node): number {
      if (node.nodeType === Node.ELEMENT_NODE) {
        const el = node as Element;
        if (SKIP.has(el.tagName) || (el.hasAttribute('dir') && !el.hasAttribute(MARK))) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_SKIP;
      }
      return NodeFilter.FILTER_ACCEPT;
    }
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const found = directionOfText(node.textContent || '');
    if (found) {
      return found;
    }
  }
  return null;
}

/** True when an author's `dir` (not ours) sits on the element or between it and the scope. */
function authorDirection(el: Element, scope: Element): boolean {
  for (let node: Element | null = el; node && node !== scope; node = node.parentElement) {
    if (node.hasAttribute('dir') && !node.hasAttribute(MARK)) {
      return true;
    }
  }
  return false;
}

function setDirection(el: Element, dir: string): void {
  el.setAttribute('dir', dir);
  el.setAttribute(MARK, '');
}

/** Give every block in one rendered Markdown/HTML area its direction. Safe to call again. */
export function applyDirection(scope: Element): void {
  const todo = (selector: string) =>
    Array.from(scope.querySelectorAll(selector)).filter(
      el => !el.hasAttribute(MARK) && !authorDirection(el, scope)
    );
  for (const el of todo(CODE)) {
    if (!el.closest('pre') || el.tagName === 'PRE') {
      setDirection(el, 'ltr');
    }
  }
  for (const el of todo(CONTAINERS)) {
    if (!el.closest('pre')) {
      setDirection(el, directionOfElement(el) || 'auto');
    }
  }
  for (const el of todo(BLOCKS)) {
    if (!el.closest('pre')) {
      setDirection(el, 'auto');
    }
  }
}

/** The rendered areas a mutation touched: around its target, or inside added nodes. */
function scopesOf(mutations: MutationRecord[]): Set<Element> {
  const scopes = new Set<Element>();
  for (const mutation of mutations) {
    const target = mutation.target as Element;
    const around = target.nodeType === Node.ELEMENT_NODE ? target.closest(SCOPE) : null;
    if (around) {
      scopes.add(around);
      continue;
    }
    mutation.addedNodes.forEach(node => {
      if (node.nodeType !== Node.ELEMENT_NODE) {
        return;
      }
      const el = node as Element;
      if (el.matches(SCOPE)) {
        scopes.add(el);
      }
      el.querySelectorAll(SCOPE).forEach(inner => scopes.add(inner));
    });
  }
  return scopes;
}

/** Watch the whole page: cells render (and re-render after an edit) at any time. */
export function watch(root: Element = document.body): MutationObserver {
  root.querySelectorAll(SCOPE).forEach(applyDirection);
  const observer = new MutationObserver(mutations => {
    scopesOf(mutations).forEach(applyDirection);
  });
  observer.observe(root, { childList: true, subtree: true });
  return observer;
}
