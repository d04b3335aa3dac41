import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { isAllowedHref, type BlockNode, type InlineNode, type ListItem, type Mark, type Paragraph } from '../../../shared/model/richText';

/**
 * CommonMark + GFM tables with raw HTML on: our exporter writes `<br>` for line breaks in
 * headings and cells, and content `<` is always `&lt;`, so a `<br>` is never content. Links are
 * kept as written (no normalizing) and checked with isAllowedHref instead.
 */
export function createMarkdownParser(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt('commonmark', { html: true }).enable('table');
  md.normalizeLink = (url: string) => url;
  md.validateLink = () => true;
  return md;
}

/** Inline tokens to stored inline nodes; what has no stored form is reported and kept as text. */
export function inlineNodes(children: readonly Token[], report: (message: string) => void): InlineNode[] {
  const out: InlineNode[] = [];
  const marks: Mark[] = [];
  const push = (text: string) => {
    if (text === '') return;
    const last = out[out.length - 1];
    const current = marks.length > 0 ? marks.map((m) => ({ ...m })) : undefined;
    if (last?.type === 'text' && JSON.stringify(last.marks ?? null) === JSON.stringify(current ?? null)) last.text += text;
    else out.push(current ? { type: 'text', text, marks: current } : { type: 'text', text });
  };
  const drop = (type: Mark['type']) => {
    const at = marks.map((m) => m.type).lastIndexOf(type);
    if (at >= 0) marks.splice(at, 1);
  };
  for (const t of children) {
    switch (t.type) {
      case 'text':
        push(t.content);
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        out.push({ type: 'hardBreak' });
        break;
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(t.content)) out.push({ type: 'hardBreak' });
        else {
          report(`Inline HTML ${t.content} was kept as text.`);
          push(t.content);
        }
        break;
      case 'strong_open':
        marks.push({ type: 'bold' });
        break;
      case 'strong_close':
        drop('bold');
        break;
      case 'em_open':
        marks.push({ type: 'italic' });
        break;
      case 'em_close':
        drop('italic');
        break;
      case 'link_open': {
        const href = String(t.attrGet('href') ?? '');
        if (isAllowedHref(href)) marks.push({ type: 'link', attrs: { href } });
        else {
          report(`The link to "${href}" is not http(s) or mailto; its text was kept without the link.`);
          marks.push({ type: 'link', attrs: { href: '' } });
        }
        break;
      }
      case 'link_close':
        drop('link');
        break;
      case 'code_inline':
        report(`Code \`${t.content}\` was kept as plain text.`);
        push(t.content);
        break;
      case 'image':
        report(`An image (${t.attrGet('src') ?? ''}) cannot be stored; its description "${t.content}" was kept as text.`);
        push(t.content);
        break;
      default:
        if (t.content) push(t.content);
    }
  }
  // Links refused above were pushed as empty-href placeholders: strip them.
  for (const node of out) {
    if (node.type === 'text' && node.marks) {
      const kept = node.marks.filter((m) => !(m.type === 'link' && m.attrs.href === ''));
      if (kept.length > 0) node.marks = kept;
      else delete node.marks;
    }
  }
  return out;
}

/** Plain text of inline tokens: hard breaks and `<br>` as `\n`, marks dropped. */
export function inlineText(children: readonly Token[]): string {
  return inlineNodes(children, () => undefined)
    .map((n) => (n.type === 'text' ? n.text : '\n'))
    .join('');
}

export function paragraph(nodes: InlineNode[]): Paragraph {
  return nodes.length > 0 ? { type: 'paragraph', content: nodes } : { type: 'paragraph' };
}

/**
 * Block tokens (paragraphs and lists, from `start` to `end`) to stored block nodes. Anything
 * else (code, HTML blocks, rules, quotes) is reported and kept as a paragraph of its text.
 */
export function blockNodes(tokens: readonly Token[], report: (message: string) => void): BlockNode[] {
  let i = 0;
  const parseBlocks = (closeType: string | null): BlockNode[] => {
    const out: BlockNode[] = [];
    while (i < tokens.length && tokens[i].type !== closeType) {
      const t = tokens[i];
      if (t.type === 'paragraph_open') {
        out.push(paragraph(inlineNodes(tokens[i + 1].children ?? [], report)));
        i += 3;
      } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
        const ordered = t.type === 'ordered_list_open';
        const start = Number(t.attrGet('start') ?? 1);
        i++;
        const items: ListItem[] = [];
        while (tokens[i].type === 'list_item_open') {
          i++;
          const content = parseBlocks('list_item_close') as ListItem['content'];
          i++;
          items.push({ type: 'listItem', content: content.length > 0 ? content : [{ type: 'paragraph' }] });
        }
        i++;
        out.push(ordered ? { type: 'orderedList', ...(start !== 1 ? { attrs: { start } } : {}), content: items } : { type: 'bulletList', content: items });
      } else if (t.type === 'inline') {
        out.push(paragraph(inlineNodes(t.children ?? [], report)));
        i++;
      } else {
        if (t.content.trim() !== '') {
          report(`A ${t.type.replace(/_open$/, '')} block was kept as a plain paragraph: ${t.content.trim()}`);
          out.push(paragraph([{ type: 'text', text: t.content.replace(/\n+$/, '') }]));
        }
        i++;
      }
    }
    return out;
  };
  return parseBlocks(null);
}
