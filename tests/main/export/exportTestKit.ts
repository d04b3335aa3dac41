import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { ComparisonStatus, ComparisonSummary } from '../../../src/shared/api/contract';
import { reviewSummaryOf } from '../../../src/shared/dashboard/reviewSummary';
import { articleContentHash, partContentsOf, partHash } from '../../../src/shared/review/parts';
import type { ExportSource } from '../../../src/main/bundle/exportBundle';
import { buildSeedRecords } from '../../../src/main/seed/seedWorkspace';
import { COMPARISON_FORMAT, type Comparison } from '../../../src/shared/model/comparison';
import { PERSON_FORMAT, type Person } from '../../../src/shared/model/person';
import { docFromText, type BlockDoc, type BlockNode, type InlineNode, type ListItem, type RichDoc } from '../../../src/shared/model/richText';

/** Deterministic ULID-shaped ids, so golden files do not change between runs. */
export function fixedIds(prefix = '01J0000000000000000000'): () => string {
  let n = 0;
  return () => `${prefix}${(++n).toString().padStart(26 - prefix.length, '0')}`;
}

export const FIXED_NOW = new Date('2024-05-01T12:00:00.000Z');

export function seedRecords() {
  return buildSeedRecords(FIXED_NOW, fixedIds());
}

/**
 * An in-memory export source over plain records. Each is listed with the status its review data
 * gives, as the store lists it, unless `listed` says otherwise (an out-of-date index).
 */
export function memorySource(comparisons: Comparison[], people: Person[], listed?: ComparisonStatus): ExportSource {
  const summaries = (): ComparisonSummary[] =>
    comparisons.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      terms: c.terms.map((t) => t.name),
      status: listed ?? reviewSummaryOf(c).status,
      updatedAt: c.updatedAt,
      revision: c.revision,
    }));
  return {
    listComparisons: summaries,
    getComparison: async (id) => {
      const c = comparisons.find((x) => x.id === id);
      if (!c) throw new Error(`no ${id}`);
      return c;
    },
    listPeople: () => people,
  };
}

/** The article with every part approved and signed off by `editorId` (as the review service records it). */
export function signedOff(c: Comparison, editorId: string, at = FIXED_NOW.toISOString()): Comparison {
  const parts = Object.fromEntries(partContentsOf(c).map((p) => [p.key, { state: 'approved' as const, by: editorId, at, hash: partHash(p) }]));
  return { ...c, review: { parts, signOff: { by: editorId, at, hash: articleContentHash(c) }, comments: [] } };
}

export function person(id: string, name: string, bio: string, credentials = ''): Person {
  const at = FIXED_NOW.toISOString();
  return { format: PERSON_FORMAT, id, revision: 1, createdAt: at, updatedAt: at, name, credentials, bio: docFromText(bio) as BlockDoc };
}

/** Markdown-it as an importer would use it: CommonMark, GFM tables, raw HTML on (our `<br>`). */
export const markdownParser = new MarkdownIt('commonmark', { html: true }).enable('table').enable('strikethrough');

export type Block = [kind: string, text: string];

/** Blocks of a Markdown document as a parser reads them: headings, paragraphs, quotes, cells. */
export function parsedBlocks(markdown: string): Block[] {
  const tokens = markdownParser.parse(markdown, {});
  const blocks: Block[] = [];
  let quoteDepth = 0;
  let kind = '';
  for (const token of tokens) {
    if (token.type === 'blockquote_open') quoteDepth++;
    else if (token.type === 'blockquote_close') quoteDepth--;
    else if (token.type === 'heading_open') kind = token.tag;
    else if (token.type === 'paragraph_open') kind = quoteDepth > 0 ? 'quote' : 'p';
    else if (token.type === 'th_open' || token.type === 'td_open') kind = token.tag;
    else if (token.type === 'inline') blocks.push([kind, inlineText(token.children ?? [])]);
    else if (!/^(heading|paragraph|th|td|tr|thead|tbody|table|bullet_list|ordered_list|list_item)_(close|open)$|^front_matter$|^hr$/.test(token.type)) {
      blocks.push(['unexpected', token.type]);
    }
  }
  return blocks;
}

function inlineText(children: Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text') text += child.content;
    else if (child.type === 'hardbreak') text += '\n';
    else if (child.type === 'html_inline' && child.content === '<br>') text += '\n';
    else if (/^(strong|em|link)_(open|close)$/.test(child.type)) continue;
    else text += `⟨${child.type}:${child.content}⟩`;
  }
  return text;
}

/** The paragraphs of a rich-text doc, in order, as plain text (empty ones have no Markdown form). */
export function docParagraphs(doc: RichDoc): string[] {
  const out: string[] = [];
  const walk = (node: BlockNode | ListItem): void => {
    if (node.type === 'paragraph') {
      const text = (node.content ?? []).map((n: InlineNode) => (n.type === 'text' ? n.text : '\n')).join('');
      if (text !== '') out.push(text);
    } else for (const child of node.content) walk(child as BlockNode | ListItem);
  };
  for (const block of doc.content as BlockNode[]) walk(block);
  return out;
}

/** Every person the comparison's byline names must be in `people`. */
export function comparison(partial: Partial<Comparison> & Pick<Comparison, 'id' | 'terms' | 'slug' | 'title'>): Comparison {
  const at = FIXED_NOW.toISOString();
  return {
    format: COMPARISON_FORMAT,
    revision: 1,
    createdAt: at,
    updatedAt: at,
    titleEdited: true,
    slugEdited: true,
    summary: docFromText(''),
    keyDifferences: [],
    chart: { headerLabel: '', rows: [] },
    definitions: [],
    faqs: [],
    byline: { authorId: null, editorId: null, updated: null },
    related: [],
    ...partial,
  };
}
