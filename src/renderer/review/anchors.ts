import type { Comparison } from '../../shared/model/comparison';
import { anchorFieldText } from '../../shared/review/parts';
import type { CommentAnchor } from '../../shared/review/reviewModel';

/** Which rich-text field of a part a text-range comment can anchor to. */
export function anchorFieldOf(partKey: string): CommentAnchor['field'] | null {
  if (partKey === 'summary') return 'summary';
  if (partKey.startsWith('kd:') || partKey.startsWith('def:')) return 'text';
  if (partKey.startsWith('faq:')) return 'answer';
  return null;
}

/** The index of `quote` in `text` closest to `near` (a selection's position), or -1. */
export function nearestOccurrence(text: string, quote: string, near: number): number {
  let best = -1;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/**
 * The anchor for the current selection when it lies inside this part's rich-text field:
 * plain-text offsets into the field's text (docToText) plus the quoted words.
 */
export function anchorFromSelection(frame: HTMLElement, doc: Comparison, partKey: string): CommentAnchor | null {
  const field = anchorFieldOf(partKey);
  const selection = window.getSelection();
  if (!field || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const content = frame.querySelector<HTMLElement>('.rt-content');
  const range = selection.getRangeAt(0);
  if (!content || !content.contains(range.startContainer) || !content.contains(range.endContainer)) return null;
  const quote = range.toString().trim();
  const text = anchorFieldText(doc, partKey, field);
  if (!quote || text === null) return null;
  const before = document.createRange();
  before.setStart(content, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const from = nearestOccurrence(text, quote, before.toString().length);
  if (from < 0) return null;
  return { field, from, to: from + quote.length, quote: quote.slice(0, 1000) };
}

/** A DOM range over `quote` inside `content` (its text nodes), nearest to the anchor's offset. */
export function rangeForAnchor(content: HTMLElement, anchor: CommentAnchor): Range | null {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const whole = nodes.map((n) => n.data).join('');
  const start = nearestOccurrence(whole, anchor.quote, anchor.from);
  if (start < 0) return null;
  const end = start + anchor.quote.length;
  const range = document.createRange();
  let offset = 0;
  let started = false;
  for (const node of nodes) {
    const next = offset + node.data.length;
    if (!started && start < next) {
      range.setStart(node, start - offset);
      started = true;
    }
    if (started && end <= next) {
      range.setEnd(node, end - offset);
      return range;
    }
    offset = next;
  }
  return null;
}

const HIGHLIGHT = 'vd-comment-anchor';

/** Paints every open anchored thread's range with the CSS Custom Highlight API (no DOM changes). */
export function paintAnchors(threads: ReadonlyArray<{ part: string; anchor: CommentAnchor | null; resolved: unknown }>, frameOf: (part: string) => HTMLElement | null): number {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  const ranges: Range[] = [];
  for (const t of threads) {
    if (!t.anchor || t.resolved) continue;
    const content = frameOf(t.part)?.querySelector<HTMLElement>('.rt-content');
    const range = content ? rangeForAnchor(content, t.anchor) : null;
    if (range) ranges.push(range);
  }
  if (registry && HighlightCtor) {
    if (ranges.length > 0) registry.set(HIGHLIGHT, new HighlightCtor(...ranges));
    else registry.delete(HIGHLIGHT);
  }
  return ranges.length;
}
