import { isAllowedHref, type BlockDoc, type BlockNode, type InlineNode, type ListItem, type Mark, type RichDoc } from './richText';

/** Anything shaped like ProseMirror JSON, as an editor or a paste hands it over. */
export interface LooseNode {
  type?: unknown;
  text?: unknown;
  attrs?: Record<string, unknown> | null;
  marks?: Array<{ type?: unknown; attrs?: Record<string, unknown> | null }> | null;
  content?: LooseNode[] | null;
}

/**
 * Reduces editor JSON (TipTap's getJSON, which carries extra attributes such as a link's
 * target/rel/class) to the stored schema: unknown nodes are unwrapped to their text,
 * unknown marks and attributes are dropped, links outside http(s)/mailto are removed.
 * Lists are kept only when `allowLists` is true; otherwise their items become paragraphs.
 */
export function normalizeDoc(input: LooseNode, allowLists: boolean): RichDoc {
  const blocks = normalizeBlocks(input.content ?? [], allowLists);
  return { type: 'doc', content: blocks.length > 0 ? blocks : [{ type: 'paragraph' }] } as BlockDoc;
}

function normalizeMarks(marks: LooseNode['marks']): Mark[] | undefined {
  const out: Mark[] = [];
  for (const mark of marks ?? []) {
    if (mark.type === 'bold' && !out.some((m) => m.type === 'bold')) out.push({ type: 'bold' });
    else if (mark.type === 'italic' && !out.some((m) => m.type === 'italic')) out.push({ type: 'italic' });
    else if (mark.type === 'link' && !out.some((m) => m.type === 'link')) {
      const href = mark.attrs?.href;
      if (typeof href === 'string' && isAllowedHref(href)) out.push({ type: 'link', attrs: { href } });
    }
  }
  return out.length > 0 ? out : undefined;
}

function normalizeInline(nodes: LooseNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text' && typeof node.text === 'string' && node.text.length > 0) {
      const marks = normalizeMarks(node.marks);
      const prev = out[out.length - 1];
      // Merge adjacent text with identical marks so equal content has one representation.
      if (prev && prev.type === 'text' && JSON.stringify(prev.marks) === JSON.stringify(marks)) {
        out[out.length - 1] = { ...prev, text: prev.text + node.text };
      } else {
        out.push(marks ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
      }
    } else if (node.type === 'hardBreak') {
      out.push({ type: 'hardBreak' });
    } else if (node.content) {
      out.push(...normalizeInline(node.content));
    }
  }
  return out;
}

function paragraph(content: InlineNode[]): BlockNode {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function normalizeBlocks(nodes: LooseNode[], allowLists: boolean): BlockNode[] {
  const out: BlockNode[] = [];
  for (const node of nodes) {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') {
      out.push(paragraph(normalizeInline(node.content ?? [])));
    } else if (node.type === 'bulletList' || node.type === 'orderedList') {
      const items: ListItem[] = [];
      for (const item of node.content ?? []) {
        const inner = normalizeBlocks(item.content ?? [], allowLists);
        if (!allowLists) {
          out.push(...inner);
          continue;
        }
        items.push({ type: 'listItem', content: inner.length > 0 ? inner : [{ type: 'paragraph' }] });
      }
      if (allowLists && items.length > 0) {
        if (node.type === 'bulletList') out.push({ type: 'bulletList', content: items });
        else {
          const start = node.attrs?.start;
          out.push(
            typeof start === 'number' && Number.isInteger(start) && start !== 1 && start >= 0
              ? { type: 'orderedList', attrs: { start }, content: items }
              : { type: 'orderedList', content: items },
          );
        }
      }
    } else if (node.type === 'blockquote' || node.type === 'listItem' || node.type === 'doc') {
      out.push(...normalizeBlocks(node.content ?? [], allowLists));
    } else if (node.type === 'text' || node.type === 'hardBreak') {
      out.push(paragraph(normalizeInline([node])));
    }
  }
  return out;
}
