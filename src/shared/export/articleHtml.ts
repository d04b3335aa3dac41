import type { ArticleExport, PersonRef } from './exportSchemas';
import { escapeHtml } from './richTextRender';

/**
 * The article as one HTML fragment, in the page's structure (the same order as the exported
 * Markdown): title, summary, Key Differences, Comparison Chart, definitions with example
 * sentences, FAQs, author and editor bios. Built only from the export's own pieces: rich text
 * uses the export's sanitized `html`, every plain text is escaped, so nothing here can run.
 */
export function buildArticleHtml(article: ArticleExport): string {
  const out: string[] = [`<h1>${escapeHtml(article.title)}</h1>`];
  if (article.summary.text.trim() !== '') out.push(article.summary.html);

  const differences = article.keyDifferences.filter((k) => k.text.text.trim() !== '');
  if (differences.length > 0) out.push('<h2>Key Differences</h2>', ...differences.map((k) => k.text.html));

  if (article.chart.rows.length > 0) out.push('<h2>Comparison Chart</h2>', chartTable(article));

  if (article.definitions.length > 0) {
    out.push(`<h2>${escapeHtml(joinNames(article.terms.map((t) => t.name)))} Definitions</h2>`);
    for (const d of article.definitions) {
      const term = article.terms.find((t) => t.key === d.term);
      out.push(`<h3>${escapeHtml(term?.name ?? d.term)}</h3>`);
      if (d.text.text.trim() !== '') out.push(d.text.html);
      for (const e of d.examples) out.push(`<blockquote><p>${lines(e.text)}</p></blockquote>`);
    }
  }

  if (article.faqs.length > 0) {
    out.push('<h2>FAQs</h2>');
    for (const f of article.faqs) {
      out.push(`<h3>${escapeHtml(f.question)}</h3>`);
      if (f.answer.text.trim() !== '') out.push(f.answer.html);
    }
  }

  for (const [label, person] of [
    ['Author', article.byline.author],
    ['Editor', article.byline.editor],
  ] as const) {
    if (person) out.push(`<h2>About the ${label}</h2>`, ...personHtml(person));
  }
  return `<article>\n${out.join('\n')}\n</article>\n`;
}

/** A whole HTML document around the fragment, for a sandboxed preview frame. */
export function articleHtmlDocument(article: ArticleExport): string {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(article.title)}</title>\n</head>\n<body>\n${buildArticleHtml(article)}</body>\n</html>\n`;
}

function lines(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function joinNames(names: readonly string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function chartTable(article: ArticleExport): string {
  const head = [article.chart.headerLabel, ...article.terms.map((t) => t.name)].map((c) => `<th>${lines(c)}</th>`).join('');
  const rows = article.chart.rows.map(
    (r) => `<tr><th scope="row">${lines(r.label)}</th>${article.terms.map((t) => `<td>${lines(r.values[t.key] ?? '')}</td>`).join('')}</tr>`,
  );
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function personHtml(person: PersonRef): string[] {
  const out = [`<h3>${escapeHtml(person.name)}</h3>`];
  if (person.bio.text.trim() !== '') out.push(person.bio.html);
  return out;
}
