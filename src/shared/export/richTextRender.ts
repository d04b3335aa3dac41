import {
  docToText,
  isAllowedHref,
  type BlockNode,
  type InlineNode,
  type ListItem,
  type Mark,
  type RichDoc,
} from '../model/richText';
import { escapeLinkDestination, escapeMarkdownInline, numericEntity } from './escapeMarkdown';

/** A rich-text value as exported: plain text, sanitized HTML and Markdown. */
export interface RenderedRichText {
  text: string;
  html: string;
  markdown: string;
}

/** Renders stored rich text as plain text, sanitized HTML and escaped Markdown. */
export function renderRichText(doc: RichDoc): RenderedRichText {
  return { text: docToText(doc), html: richTextToHtml(doc), markdown: richTextToMarkdown(doc) };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * HTML from stored rich text. Only p, br, strong, em, a[href] (http/https/mailto), ul, ol and
 * li are ever written; every text is escaped, and a link whose href is not allowed is written
 * as its text alone.
 */
export function richTextToHtml(doc: RichDoc): string {
  return (doc.content as BlockNode[]).map(blockHtml).join('\n');
}

function blockHtml(node: BlockNode | ListItem): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${(node.content ?? []).map(inlineHtml).join('')}</p>`;
    case 'bulletList':
      return `<ul>${node.content.map(blockHtml).join('')}</ul>`;
    case 'orderedList': {
      const start = node.attrs?.start ?? 1;
      return `<ol${start === 1 ? '' : ` start="${start}"`}>${node.content.map(blockHtml).join('')}</ol>`;
    }
    case 'listItem':
      return `<li>${node.content.map(blockHtml).join('')}</li>`;
  }
}

function inlineHtml(node: InlineNode): string {
  if (node.type === 'hardBreak') return '<br>';
  let html = escapeHtml(node.text).replace(/\n/g, '<br>');
  const marks = canonicalMarks(node.marks);
  for (const mark of [...marks].reverse()) {
    if (mark.type === 'italic') html = `<em>${html}</em>`;
    else if (mark.type === 'bold') html = `<strong>${html}</strong>`;
    else html = `<a href="${escapeHtml(mark.attrs.href)}">${html}</a>`;
  }
  return html;
}

const MARK_ORDER: Record<Mark['type'], number> = { link: 0, bold: 1, italic: 2 };

/** Marks in nesting order (link outermost), duplicates and disallowed links dropped. */
function canonicalMarks(marks: readonly Mark[] | undefined): Mark[] {
  const out: Mark[] = [];
  for (const mark of marks ?? []) {
    if (mark.type === 'link' && !isAllowedHref(mark.attrs.href)) continue;
    if (!out.some((m) => m.type === mark.type)) out.push(mark);
  }
  return out.sort((a, b) => MARK_ORDER[a.type] - MARK_ORDER[b.type]);
}

function sameMark(a: Mark, b: Mark): boolean {
  return a.type === b.type && (a.type !== 'link' || (b.type === 'link' && a.attrs.href === b.attrs.href));
}

/**
 * Markdown from stored rich text: bold `**`, italic `_`, links `[text](url)`, hard breaks as a
 * backslash at the end of the line, bullet and ordered lists. Text goes through
 * escapeMarkdownInline. Empty paragraphs have no Markdown form and are left out.
 */
export function richTextToMarkdown(doc: RichDoc): string {
  return blocksMarkdown(doc.content as BlockNode[]);
}

function blocksMarkdown(blocks: readonly BlockNode[]): string {
  const parts: string[] = [];
  let previousList = null as { type: string; alternate: boolean } | null;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const md = inlineMarkdown(block.content ?? []);
      if (md !== '') parts.push(md);
      previousList = null;
      continue;
    }
    // Two lists of one kind in a row would merge into one: the second uses the other marker.
    const alternate: boolean = previousList?.type === block.type ? !previousList.alternate : false;
    parts.push(listMarkdown(block, alternate));
    previousList = { type: block.type, alternate };
  }
  return parts.join('\n\n');
}

function listMarkdown(list: Exclude<BlockNode, { type: 'paragraph' }>, alternate: boolean): string {
  const start = list.type === 'orderedList' ? (list.attrs?.start ?? 1) : 0;
  const tight = list.content.every((item) => item.content.length === 1);
  const items = list.content.map((item, i) => {
    const marker =
      list.type === 'bulletList' ? (alternate ? '*' : '-') : `${start + i}${alternate ? ')' : '.'}`;
    const indent = ' '.repeat(marker.length + 1);
    const body = blocksMarkdown(item.content as BlockNode[]);
    const lines = body.split('\n').map((line, j) => (j === 0 ? line : line === '' ? '' : indent + line));
    return `${marker}${lines[0] === '' ? '' : ' '}${lines.join('\n')}`;
  });
  return items.join(tight ? '\n' : '\n\n');
}

function sameMarks(a: readonly Mark[] | undefined, b: readonly Mark[] | undefined): boolean {
  const x = canonicalMarks(a);
  const y = canonicalMarks(b);
  return x.length === y.length && x.every((m, i) => sameMark(m, y[i]));
}

const PUNCTUATION = /^[\p{P}\p{S}]$/u;
const WHITESPACE = /^\s$/u;

/** Neither whitespace nor punctuation, in CommonMark's sense (which decides emphasis flanking). */
function isWordChar(char: string | undefined): char is string {
  return char !== undefined && !WHITESPACE.test(char) && !PUNCTUATION.test(char);
}

function inlineMarkdown(nodes: readonly InlineNode[]): string {
  // Split text holding '\n' into hard breaks, so every text node is one line fragment.
  const flat: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'hardBreak' || !node.text.includes('\n')) {
      flat.push(node);
      continue;
    }
    node.text.split('\n').forEach((part, i) => {
      if (i > 0) flat.push({ type: 'hardBreak' });
      if (part !== '') flat.push({ ...node, text: part });
    });
  }
  // Adjacent runs with the same marks are one run: escaping decides line starts per run.
  const merged: InlineNode[] = [];
  for (const node of flat) {
    const prev = merged[merged.length - 1];
    if (node.type === 'text' && prev?.type === 'text' && sameMarks(prev.marks, node.marks)) {
      merged[merged.length - 1] = { ...prev, text: prev.text + node.text };
    } else merged.push(node);
  }
  flat.splice(0, flat.length, ...merged);
  let lastContent = flat.length - 1;
  while (lastContent >= 0 && flat[lastContent].type === 'hardBreak') lastContent--;
  const writer = new InlineWriter();
  flat.forEach((node, i) => {
    if (node.type === 'text') writer.text(node.text, canonicalMarks(node.marks));
    else writer.lineBreak(i > lastContent);
  });
  return writer.finish();
}

/**
 * Writes inline Markdown keeping emphasis parseable: whitespace at the edge of a marked run
 * moves outside its delimiters, and where a delimiter would touch a letter (so CommonMark would
 * not read it as one), that letter is written as a numeric entity, which reads back the same.
 */
class InlineWriter {
  private out = '';
  private stack: Mark[] = [];
  private pendingSpace = '';
  private entityNext = false;

  text(text: string, marks: Mark[]): void {
    const lead = /^\s*/u.exec(text)?.[0] ?? '';
    const core = text.slice(lead.length).replace(/\s+$/u, '');
    const trail = text.slice(lead.length + core.length);
    if (core === '') {
      this.pendingSpace += text;
      return;
    }
    let keep = 0;
    while (keep < this.stack.length && marks.some((m) => sameMark(m, this.stack[keep]))) keep++;
    this.closeTo(keep);
    this.writeSpace(this.pendingSpace + lead, false);
    this.pendingSpace = '';
    const opening = marks.filter((m) => !this.stack.some((s) => sameMark(s, m)));
    for (const mark of opening) {
      if (mark.type !== 'link') this.entityForPreviousWordChar();
      this.append(mark.type === 'link' ? '[' : mark.type === 'bold' ? '**' : '_');
      this.stack.push(mark);
    }
    this.append(escapeMarkdownInline(core, { lineStart: this.atLineStart(), lineEnd: false }));
    this.pendingSpace = trail;
  }

  /**
   * A hard break; `trailing` when nothing but breaks follows, where only `<br>` survives.
   * Marks close before it and reopen after it: a closing delimiter at a line start cannot close.
   */
  lineBreak(trailing: boolean): void {
    this.closeTo(0);
    this.writeSpace(this.pendingSpace, true);
    this.pendingSpace = '';
    this.append(trailing ? '<br>' : '\\\n');
  }

  finish(): string {
    this.closeTo(0);
    this.writeSpace(this.pendingSpace, true);
    this.pendingSpace = '';
    return this.out;
  }

  private closeTo(depth: number): void {
    while (this.stack.length > depth) {
      const mark = this.stack.pop() as Mark;
      this.append(mark.type === 'link' ? `](${escapeLinkDestination(mark.attrs.href)})` : mark.type === 'bold' ? '**' : '_');
      this.entityNext = mark.type !== 'link';
    }
  }

  private writeSpace(space: string, lineEnd: boolean): void {
    if (space !== '') this.append(escapeMarkdownInline(space, { lineStart: this.atLineStart(), lineEnd }));
  }

  private atLineStart(): boolean {
    return this.out === '' || this.out.endsWith('\n');
  }

  /** A closing delimiter followed by a letter would not close: write that letter as an entity. */
  private append(chunk: string): void {
    if (this.entityNext && chunk !== '') {
      const first = String.fromCodePoint(chunk.codePointAt(0) as number);
      if (isWordChar(first)) chunk = numericEntity(first) + chunk.slice(first.length);
    }
    if (chunk !== '') this.entityNext = false;
    this.out += chunk;
  }

  /** An opening delimiter after a letter would not open: write that letter as an entity. */
  private entityForPreviousWordChar(): void {
    const chars = Array.from(this.out.slice(-2));
    const last = chars[chars.length - 1];
    if (isWordChar(last)) this.out = this.out.slice(0, this.out.length - last.length) + numericEntity(last);
  }
}
