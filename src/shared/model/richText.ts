import { z } from 'zod';

/**
 * Rich text is stored as ProseMirror JSON restricted to a small schema:
 * paragraph, text, hard break, bold, italic, link (http/https/mailto only),
 * and — only where a field allows it — bullet and ordered lists.
 * Strict objects reject every other node, mark and attribute, so stored
 * content can never carry HTML or script.
 */

export const ALLOWED_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

/** True for an http(s) or mailto URL; everything else (javascript:, data:, relative) is refused. */
export function isAllowedHref(href: string): boolean {
  if (href.length > 2048 || /[\u0000-\u001f\s]/.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!(ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol)) return false;
  if (url.protocol === 'mailto:') return /^mailto:[^@\s]+@[^@\s]+$/i.test(href);
  return url.hostname.length > 0;
}

const boldMark = z.strictObject({ type: z.literal('bold') });
const italicMark = z.strictObject({ type: z.literal('italic') });
const linkMark = z.strictObject({
  type: z.literal('link'),
  attrs: z.strictObject({
    href: z.string().refine(isAllowedHref, { message: 'Links must be http(s) or mailto' }),
  }),
});
export const markSchema = z.discriminatedUnion('type', [boldMark, italicMark, linkMark]);
export type Mark = z.infer<typeof markSchema>;

export const textNodeSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1).max(100_000),
  marks: z.array(markSchema).max(3).optional(),
});
export const hardBreakSchema = z.strictObject({ type: z.literal('hardBreak') });
export const inlineNodeSchema = z.discriminatedUnion('type', [textNodeSchema, hardBreakSchema]);
export type InlineNode = z.infer<typeof inlineNodeSchema>;

export const paragraphSchema = z.strictObject({
  type: z.literal('paragraph'),
  content: z.array(inlineNodeSchema).max(10_000).optional(),
});
export type Paragraph = z.infer<typeof paragraphSchema>;

export type ListItem = { type: 'listItem'; content: Array<Paragraph | BulletList | OrderedList> };
export type BulletList = { type: 'bulletList'; content: ListItem[] };
export type OrderedList = { type: 'orderedList'; attrs?: { start: number }; content: ListItem[] };
export type BlockNode = Paragraph | BulletList | OrderedList;

const MAX_LIST_DEPTH = 4;

function listSchemas(depth: number): z.ZodType<BulletList | OrderedList> {
  const inner: z.ZodType<BlockNode> =
    depth >= MAX_LIST_DEPTH ? paragraphSchema : z.union([paragraphSchema, listSchemas(depth + 1)]);
  const listItem = z.strictObject({
    type: z.literal('listItem'),
    content: z.array(inner).min(1).max(1000),
  });
  const bullet = z.strictObject({ type: z.literal('bulletList'), content: z.array(listItem).min(1).max(1000) });
  const ordered = z.strictObject({
    type: z.literal('orderedList'),
    attrs: z.strictObject({ start: z.number().int().min(0).max(1_000_000) }).optional(),
    content: z.array(listItem).min(1).max(1000),
  });
  return z.union([bullet, ordered]) as z.ZodType<BulletList | OrderedList>;
}

/** Inline rich text: paragraphs of text, bold, italic, links and hard breaks. */
export const inlineDocSchema = z.strictObject({
  type: z.literal('doc'),
  content: z.array(paragraphSchema).min(1).max(1000),
});
export type InlineDoc = z.infer<typeof inlineDocSchema>;

/** Block rich text: as inline, plus bullet and ordered lists (FAQ answers and bios). */
export const blockDocSchema = z.strictObject({
  type: z.literal('doc'),
  content: z.array(z.union([paragraphSchema, listSchemas(1)])).min(1).max(1000),
});
export type BlockDoc = { type: 'doc'; content: BlockNode[] };
export type RichDoc = InlineDoc | BlockDoc;

/** A rich-text document holding the given plain text as one paragraph per line block. */
export function docFromText(text: string): InlineDoc {
  const paragraphs = text.split(/\n{2,}/);
  return {
    type: 'doc',
    content: paragraphs.map((p) => {
      const parts = p.split('\n');
      const content: InlineNode[] = [];
      parts.forEach((part, i) => {
        if (i > 0) content.push({ type: 'hardBreak' });
        if (part.length > 0) content.push({ type: 'text', text: part });
      });
      return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
    }),
  };
}

export const emptyDoc = (): InlineDoc => ({ type: 'doc', content: [{ type: 'paragraph' }] });

/** The plain text of a document: paragraphs and list items separated by blank lines, hard breaks as newlines. */
export function docToText(doc: RichDoc): string {
  const blocks: string[] = [];
  const walk = (node: BlockNode | ListItem): void => {
    if (node.type === 'paragraph') {
      blocks.push((node.content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join(''));
    } else {
      for (const child of node.content) walk(child as BlockNode | ListItem);
    }
  };
  for (const block of doc.content as BlockNode[]) walk(block);
  return blocks.join('\n\n');
}

export function isDocEmpty(doc: RichDoc): boolean {
  return docToText(doc).trim().length === 0;
}
