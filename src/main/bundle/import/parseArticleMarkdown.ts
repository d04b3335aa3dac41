import type { Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { ServiceError } from '../../../shared/api/errors';
import { TERM_KEYS, type TermKey } from '../../../shared/model/ids';
import type { BlockDoc, BlockNode, InlineDoc, Paragraph } from '../../../shared/model/richText';
import { blockNodes, createMarkdownParser, inlineText } from './markdownInline';

export interface ParsedPerson {
  name: string;
  /** From the front matter (`authorCredentials` / `editorCredentials`); null when absent. */
  credentials: string | null;
  bio: BlockDoc;
}

/** An article read from Markdown: the comparison's parts, the named people, and what could not be placed. */
export interface ParsedArticleMarkdown {
  title: string | null;
  slug: string | null;
  terms: Array<{ key: TermKey; name: string }>;
  revision: number | null;
  updated: string | null;
  summary: InlineDoc;
  keyDifferences: InlineDoc[];
  chart: { headerLabel: string; rows: Array<{ label: string; values: Partial<Record<TermKey, string>> }> };
  definitions: Array<{ term: TermKey; text: InlineDoc; examples: string[] }>;
  faqs: Array<{ question: string; answer: BlockDoc }>;
  author: ParsedPerson | null;
  editor: ParsedPerson | null;
  /** Everything that could not be placed, with its text, so nothing is dropped silently. */
  report: string[];
}

type Section = 'before' | 'summary' | 'keyDifferences' | 'chart' | 'definitions' | 'faqs' | 'author' | 'editor' | 'other';

const md = createMarkdownParser();
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads an article in the conventional shape (as the fixture and our own export write it):
 * front matter; `#` title; summary paragraphs; `## Key Differences` paragraphs; `## Comparison
 * Chart` GFM table (`<br>` is a line break); `## … Definitions` with `### <term>`, a paragraph
 * and `> example` lines; `## FAQs` with `### question` and an answer; `## About the Author` /
 * `## About the Editor` with `### name` and a bio.
 */
export function parseArticleMarkdown(source: string): ParsedArticleMarkdown {
  const report: string[] = [];
  const { data, body } = frontMatter(source.replace(/\r\n?/g, '\n'));
  const lines = body.split('\n');
  const rawOf = (t: Token) => (t.map ? lines.slice(t.map[0], t.map[1]).join('\n').trim() : t.content);
  const tokens = md.parse(body, {});

  let title: string | null = null;
  let section: Section = 'before';
  let sectionName = '';
  const summary: BlockNode[] = [];
  const keyDifferences: InlineDoc[] = [];
  let table: string[][] | null = null;
  const defs: Array<{ name: string; text: BlockNode[]; examples: string[] }> = [];
  const faqs: Array<{ question: string; answer: BlockNode[] }> = [];
  const people: Record<'author' | 'editor', { name: string; bio: BlockNode[] } | null> = { author: null, editor: null };
  const note = (m: string) => report.push(m);

  for (let i = 0; i < tokens.length; ) {
    const end = closing(tokens, i);
    const block = tokens.slice(i, end + 1);
    const open = tokens[i];
    i = end + 1;
    if (open.type === 'heading_open') {
      const text = inlineText(block[1].children ?? []);
      if (open.tag === 'h1') {
        if (title === null) {
          title = text;
          section = 'summary';
        } else note(`A second title was not placed: # ${text}`);
      } else if (open.tag === 'h2') {
        sectionName = text;
        section = /^key differences$/i.test(text) ? 'keyDifferences'
          : /^comparison chart$/i.test(text) ? 'chart'
          : /definitions?$/i.test(text) ? 'definitions'
          : /^(faqs?|frequently asked questions)$/i.test(text) ? 'faqs'
          : /^about the author$/i.test(text) ? 'author'
          : /^about the editor$/i.test(text) ? 'editor'
          : 'other';
        if (section === 'other') note(`The section "## ${text}" is not part of an article; its content is listed here.`);
      } else if (open.tag === 'h3' && section === 'definitions') defs.push({ name: text, text: [], examples: [] });
      else if (open.tag === 'h3' && section === 'faqs') faqs.push({ question: text, answer: [] });
      else if (open.tag === 'h3' && (section === 'author' || section === 'editor')) {
        if (people[section]) note(`A second ${section} was not placed: ### ${text}`);
        else people[section] = { name: text, bio: [] };
      } else note(`The heading "${rawOf(open)}" under "${sectionName || 'the title'}" was not placed.`);
      continue;
    }
    const keep = (why: string) => note(`${why}: ${rawOf(open)}`);
    switch (section) {
      case 'summary':
        summary.push(...blockNodes(block, note));
        break;
      case 'keyDifferences':
        for (const node of blockNodes(block, note)) keyDifferences.push(inlineDoc([node], note));
        break;
      case 'chart':
        if (open.type === 'table_open' && table === null) table = tableCells(block);
        else keep('Not placed in the Comparison Chart');
        break;
      case 'definitions': {
        const def = defs[defs.length - 1];
        if (!def) keep('Not placed (no term heading before it)');
        else if (open.type === 'blockquote_open') {
          for (const t of block) if (t.type === 'inline') def.examples.push(inlineText(t.children ?? []));
        } else {
          if (def.examples.length > 0) note(`Text after the examples of "${def.name}" was added to its definition: ${rawOf(open)}`);
          def.text.push(...blockNodes(block, note));
        }
        break;
      }
      case 'faqs': {
        const faq = faqs[faqs.length - 1];
        if (!faq) keep('Not placed (no question heading before it)');
        else faq.answer.push(...blockNodes(block, note));
        break;
      }
      case 'author':
      case 'editor': {
        const person = people[section];
        if (!person) keep(`Not placed (no name heading in About the ${section === 'author' ? 'Author' : 'Editor'})`);
        else person.bio.push(...blockNodes(block, note));
        break;
      }
      default:
        keep(section === 'before' ? 'Not placed (before the title)' : `Not placed (in "${sectionName}")`);
    }
  }

  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const termNames = termNamesFrom(data.terms, table, defs, title ?? str(data.title));
  if (termNames.length < 2 || termNames.length > 4) {
    throw new ServiceError('INVALID_INPUT', `The article needs 2 to 4 terms (front matter "terms", the chart header or the definitions); found ${termNames.length}.`);
  }
  const terms = termNames.map((name, i) => ({ key: TERM_KEYS[i], name }));
  const keyOf = (name: string) => terms.find((t) => t.name.trim().toLowerCase() === name.trim().toLowerCase())?.key ?? null;

  const chart: ParsedArticleMarkdown['chart'] = { headerLabel: '', rows: [] };
  if (table) {
    const [header, ...rows] = table;
    chart.headerLabel = header[0] ?? '';
    const columns = header.slice(1).map((name, i) => keyOf(name) ?? terms[i]?.key ?? null);
    header.slice(1).forEach((name, i) => {
      if (columns[i] === null) note(`The chart column "${name}" names no term; its cells are: ${rows.map((r) => r[i + 1] ?? '').join(' | ')}`);
    });
    for (const row of rows) {
      const values: Partial<Record<TermKey, string>> = {};
      row.slice(1).forEach((cell, i) => {
        const key = columns[i];
        if (key && cell !== '') values[key] = cell;
      });
      chart.rows.push({ label: row[0] ?? '', values });
    }
  }

  const definitions: ParsedArticleMarkdown['definitions'] = [];
  for (const d of defs) {
    const key = keyOf(d.name);
    const text = inlineDoc(d.text, note);
    if (!key) note(`The definition of "${d.name}" names no term of the article: ${docWords(text)} ${d.examples.map((e) => `> ${e}`).join(' ')}`);
    else if (d.examples.length === 0) note(`The definition of "${d.name}" has no example sentence, which a definition needs: ${docWords(text)}`);
    else definitions.push({ term: key, text, examples: d.examples });
  }

  const person = (role: 'author' | 'editor'): ParsedPerson | null => {
    const p = people[role];
    const name = p?.name ?? str(data[role]);
    if (!name) return null;
    return { name, credentials: str(data[`${role}Credentials`]), bio: blockDoc(p?.bio ?? []) };
  };
  const revision = Number.isInteger(data.revision) && (data.revision as number) >= 1 ? (data.revision as number) : null;
  const updated = typeof data.updated === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.updated) ? data.updated : null;
  return {
    title: title ?? str(data.title),
    slug: str(data.slug),
    terms,
    revision,
    updated,
    summary: inlineDoc(summary, note),
    keyDifferences,
    chart,
    definitions,
    faqs: faqs.map((f) => ({ question: f.question, answer: blockDoc(f.answer) })),
    author: person('author'),
    editor: person('editor'),
    report,
  };
}

function frontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text);
  if (!m) return { data: {}, body: text };
  let data: unknown;
  try {
    data = parseYaml(m[1], { schema: 'core', uniqueKeys: true, maxAliasCount: 10 });
  } catch (error) {
    throw new ServiceError('INVALID_INPUT', `The front matter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (data === null || data === undefined) return { data: {}, body: text.slice(m[0].length) };
  if (typeof data !== 'object' || Array.isArray(data)) throw new ServiceError('INVALID_INPUT', 'The front matter is not a set of keys and values.');
  for (const key of Object.keys(data)) {
    if (FORBIDDEN.has(key)) throw new ServiceError('INVALID_INPUT', `The front matter contains the forbidden key "${key}".`);
  }
  return { data: data as Record<string, unknown>, body: text.slice(m[0].length) };
}

/** Index of the token closing the block that opens at `i` (the token itself for single ones). */
function closing(tokens: readonly Token[], i: number): number {
  if (tokens[i].nesting !== 1) return i;
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j].nesting === -1 && tokens[j].level === tokens[i].level) return j;
  return tokens.length - 1;
}

function tableCells(block: readonly Token[]): string[][] {
  const rows: string[][] = [];
  for (const t of block) {
    if (t.type === 'tr_open') rows.push([]);
    else if (t.type === 'inline') rows[rows.length - 1]?.push(inlineText(t.children ?? []));
  }
  return rows;
}

function termNamesFrom(front: unknown, table: string[][] | null, defs: Array<{ name: string }>, title: string | null): string[] {
  if (Array.isArray(front) && front.every((t) => typeof t === 'string' && t.trim() !== '')) return front as string[];
  if (table && table[0]?.length >= 3) return table[0].slice(1);
  const fromDefs = [...new Set(defs.map((d) => d.name))];
  if (fromDefs.length >= 2) return fromDefs;
  return (title ?? '').replace(/:.*$/, '').split(/\s+vs\.?\s+/i).map((s) => s.trim()).filter((s) => s !== '');
}

/** Inline text allows no lists: their items become paragraphs, and the report says so. */
function inlineDoc(blocks: readonly BlockNode[], note: (m: string) => void): InlineDoc {
  const out: Paragraph[] = [];
  const flatten = (node: BlockNode): void => {
    if (node.type === 'paragraph') out.push(node);
    else for (const item of node.content) for (const child of item.content) flatten(child as BlockNode);
  };
  for (const b of blocks) {
    if (b.type !== 'paragraph') note('A list where only paragraphs are allowed became one paragraph per item.');
    flatten(b);
  }
  return { type: 'doc', content: out.length > 0 ? out : [{ type: 'paragraph' }] };
}

function blockDoc(blocks: BlockNode[]): BlockDoc {
  return { type: 'doc', content: blocks.length > 0 ? blocks : [{ type: 'paragraph' }] };
}

function docWords(doc: InlineDoc): string {
  return doc.content.map((p) => (p.content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('')).join('\n\n');
}

