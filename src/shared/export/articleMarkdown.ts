import { Document, type YAMLSeq } from 'yaml';
import type { ArticleExport, PersonRef } from './exportSchemas';
import { escapeMarkdownText, escapeTableCell } from './escapeMarkdown';

/**
 * The per-article Markdown (`comparisons/<slug>.md`), built from the article export so both
 * files say the same thing: YAML front matter, then the page's structure as in the fixture
 * `social-media-vs-social-networking.md` — title, summary, Key Differences, Comparison Chart
 * (GFM table), per-term definitions with `> example` lines, FAQs, and author and editor bios.
 * Every piece of content goes through escapeMarkdown; empty sections are left out.
 */
export function buildArticleMarkdown(article: ArticleExport): string {
  const blocks: string[] = [frontMatter(article), `# ${heading(article.title)}`];
  if (article.summary.markdown !== '') blocks.push(article.summary.markdown);

  const differences = article.keyDifferences.map((k) => k.text.markdown).filter((md) => md !== '');
  if (differences.length > 0) blocks.push('## Key Differences', ...differences);

  if (article.chart.rows.length > 0) blocks.push('## Comparison Chart', chartTable(article));

  if (article.definitions.length > 0) {
    blocks.push(`## ${heading(joinNames(article.terms.map((t) => t.name)))} Definitions`);
    for (const d of article.definitions) {
      const term = article.terms.find((t) => t.key === d.term);
      blocks.push(`### ${heading(term?.name ?? d.term)}`);
      if (d.text.markdown !== '') blocks.push(d.text.markdown);
      // One blockquote per example: a following `>` line would join the same paragraph.
      for (const e of d.examples) blocks.push(quote(escapeMarkdownText(e.text, 'hard')));
    }
  }

  if (article.faqs.length > 0) {
    blocks.push('## FAQs');
    for (const f of article.faqs) {
      blocks.push(`### ${heading(f.question)}`);
      if (f.answer.markdown !== '') blocks.push(f.answer.markdown);
    }
  }

  for (const [label, person] of [
    ['Author', article.byline.author],
    ['Editor', article.byline.editor],
  ] as const) {
    if (person) blocks.push(`## About the ${label}`, ...personBlocks(person));
  }
  return `${blocks.join('\n\n')}\n`;
}

function frontMatter(article: ArticleExport): string {
  const { author, editor, updated } = article.byline;
  const data: Record<string, unknown> = { title: article.title, slug: article.slug, terms: article.terms.map((t) => t.name) };
  if (author) data.author = author.name;
  if (author?.credentials) data.authorCredentials = author.credentials;
  if (editor) data.editor = editor.name;
  if (editor?.credentials) data.editorCredentials = editor.credentials;
  if (updated) data.updated = updated;
  data.status = article.review.status;
  data.revision = article.revision;
  const yaml = frontMatterYamlQuick(data) ?? frontMatterYaml(data);
  // `<` and `>` only occur inside those double-quoted strings: written as YAML escapes they read
  // back the same, and a renderer that does not know front matter shows no tag from a title.
  return `---\n${yaml.replace(/</g, '\\u003c').replace(/>/g, '\\u003e')}---`;
}

/** The front matter's YAML, by the yaml library: every string double-quoted, `terms` as a flow sequence. */
export function frontMatterYaml(data: Record<string, unknown>): string {
  const doc = new Document(data);
  (doc.get('terms', true) as YAMLSeq).flow = true;
  // Every string double-quoted, never folded: a title like `No: yes` or `2023-10-10` stays a string.
  return doc.toString({ defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0, flowCollectionPadding: false });
}

/**
 * Strings the yaml library writes double-quoted exactly as JSON.stringify does: no control
 * character (a newline is folded, others get YAML escapes) and no surrogate (a lone one is
 * escaped); `"` and `\\` are escaped the same way in both.
 */
const PLAIN_JSON_STRING = /^[^\u0000-\u001f\ud800-\udfff]*$/;
/** Keys the front matter has, all plain YAML scalars that read back as the same strings. */
const FRONT_MATTER_KEYS = new Set(['title', 'slug', 'terms', 'author', 'authorCredentials', 'editor', 'editorCredentials', 'updated', 'status', 'revision']);

/**
 * The same text as frontMatterYaml, written directly (the library's document model costs about
 * as much as the rest of the Markdown): plain keys, JSON strings, integers, one flow sequence
 * of strings. Null for anything else (the caller uses the library then).
 */
export function frontMatterYamlQuick(data: Record<string, unknown>): string | null {
  let out = '';
  for (const [key, value] of Object.entries(data)) {
    if (!FRONT_MATTER_KEYS.has(key)) return null;
    if (typeof value === 'string') {
      if (!PLAIN_JSON_STRING.test(value)) return null;
      out += `${key}: ${JSON.stringify(value)}\n`;
    } else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
      out += `${key}: ${value}\n`;
    } else if (key === 'terms' && Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && PLAIN_JSON_STRING.test(v))) {
      out += `${key}: [${value.map((v) => JSON.stringify(v)).join(', ')}]\n`;
    } else return null;
  }
  return out;
}

function heading(text: string): string {
  return escapeMarkdownText(text, 'br');
}

function joinNames(names: readonly string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function quote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function tableRow(cells: readonly string[]): string {
  return `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
}

function chartTable(article: ArticleExport): string {
  const header = [article.chart.headerLabel, ...article.terms.map((t) => t.name)].map(escapeTableCell);
  const rows = article.chart.rows.map((r) =>
    tableRow([r.label, ...article.terms.map((t) => r.values[t.key] ?? '')].map(escapeTableCell)),
  );
  return [tableRow(header), `|${header.map(() => '---').join('|')}|`, ...rows].join('\n');
}

function personBlocks(person: PersonRef): string[] {
  const blocks = [`### ${heading(person.name)}`];
  if (person.bio.markdown !== '') blocks.push(person.bio.markdown);
  return blocks;
}
