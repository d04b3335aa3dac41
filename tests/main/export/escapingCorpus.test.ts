import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFor } from '../../../src/main/bundle/jsonSchemas';
import { stableStringify } from '../../../src/main/store/durableWrite';
import { buildArticleJson, buildPersonJson } from '../../../src/shared/export/articleJson';
import { buildArticleMarkdown } from '../../../src/shared/export/articleMarkdown';
import { escapeMarkdownText } from '../../../src/shared/export/escapeMarkdown';
import type { ArticleExport } from '../../../src/shared/export/exportSchemas';
import { richTextToHtml, richTextToMarkdown } from '../../../src/shared/export/richTextRender';
import type { Comparison } from '../../../src/shared/model/comparison';
import type { Person } from '../../../src/shared/model/person';
import { docFromText, type BlockDoc, type InlineDoc } from '../../../src/shared/model/richText';
import { comparison, docParagraphs, fixedIds, markdownParser, parsedBlocks, person, type Block } from './exportTestKit';

const HOSTILE = [
  'C# and C++ and R&B &amp; &copy; &#65;',
  'a | b || c \\| d',
  '*star* **bold** _under_ __dunder__ a*b*c snake_case_name',
  '# not a heading',
  '<T> generics <script>alert(1)</script> <img src=x onerror=alert(1)> <br>',
  '[x] checkbox [link](https://example.com) ![img](x.png) [ref]: /url',
  '1. not a list',
  '10) not a list either',
  '- not a bullet',
  '+ not a plus bullet',
  '> not a quote',
  '---',
  '===',
  '    not code',
  '```fence```',
  '~~strike~~ ~tilde~',
  '`code` \\backslash\\ \\\\double',
  '  leading and trailing spaces  ',
  'é — 😀 naïve façade 中文',
  'https://auto.link www.example.com <https://example.com>',
  'html entity &lt;b&gt; and &nbsp; and &#x26;',
  '\u00a0non-breaking edges\u00a0',
];

const ids = fixedIds('01K1111111111111111111');

function richDoc(): BlockDoc {
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'word' },
          { type: 'text', text: '"quoted bold"', marks: [{ type: 'bold' }] },
          { type: 'text', text: 'glued' },
          { type: 'text', text: ' italic *with* stars ', marks: [{ type: 'italic' }] },
          { type: 'text', text: 'both', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'text', text: '(punct)', marks: [{ type: 'italic' }] },
          { type: 'text', text: 'x' },
          { type: 'text', text: 'C# [docs] (v2)', marks: [{ type: 'link', attrs: { href: 'https://example.com/a_(b)?q=1&r=<2>' } }, { type: 'bold' }] },
          { type: 'hardBreak' },
          { type: 'text', text: '1. after a break' },
          { type: 'hardBreak' },
          { type: 'hardBreak' },
          { type: 'text', text: '# also after a break', marks: [{ type: 'italic' }] },
        ],
      },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '- item one' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '2. item two' }] }, { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested <b>' }] }] }] }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'second list, must not merge' }] }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'trailing break' }, { type: 'hardBreak' }] },
    ],
  };
}

function corpusArticle(termNames: string[], people: Person[]): Comparison {
  const keys = ['a', 'b', 'c', 'd'] as const;
  const terms = termNames.map((name, i) => ({ key: keys[i], name }));
  const values = (i: number) => Object.fromEntries(terms.map((t, j) => [t.key, HOSTILE[(i + j) % HOSTILE.length]]));
  return comparison({
    id: ids(),
    terms,
    slug: `corpus-${terms.length}`,
    title: `${termNames.join(' vs. ')}: 1. What's <the> Difference?`,
    summary: docFromText(HOSTILE.join('\n')),
    keyDifferences: HOSTILE.map((text) => ({ id: ids(), text: docFromText(text) })).concat([{ id: ids(), text: richDoc() as InlineDoc }]),
    chart: {
      headerLabel: 'Feature | kind\nsecond line',
      rows: [
        ...HOSTILE.map((label, i) => ({ id: ids(), label, values: values(i) })),
        { id: ids(), label: 'Line\nbreak', values: { a: 'one\ntwo\n', b: '' } },
      ],
    },
    definitions: terms.flatMap((t, i) => [
      { id: ids(), term: t.key, text: docFromText(HOSTILE[i]), examples: [{ id: ids(), text: HOSTILE[i + 5] }, { id: ids(), text: '1. two\nlines > here' }] },
    ]),
    faqs: HOSTILE.map((question, i) => ({ id: ids(), question, answer: i === 0 ? richDoc() : (docFromText(HOSTILE[(i + 3) % HOSTILE.length]) as BlockDoc) })),
    byline: { authorId: people[0].id, editorId: people[1].id, updated: '2024-02-29' },
  });
}

const people = [person(ids(), 'Zoë <Admin> & Co.', HOSTILE.slice(0, 8).join('\n\n'), 'PhD | MSc *hons*'), person(ids(), '# Ed_itor', '1. bio\n- more')];
const corpus = [
  corpusArticle(['C#', 'C++'], people),
  corpusArticle(['R&B', 'Soul | Funk', '<T> generics'], people),
  corpusArticle(['*star*', '_under_', '# hash', '[x] 1. box 😀'], people),
];

function exportOf(c: Comparison): ArticleExport {
  return buildArticleJson({ comparison: c, people, articles: [], status: 'draft', contentHash: '0'.repeat(64) });
}

function names(list: string[]): string {
  return list.length <= 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** What a reader of the page should see, block by block. */
function expectedBlocks(a: ArticleExport): Block[] {
  const blocks: Block[] = [['h1', a.title]];
  const paras = (doc: ArticleExport['summary']['doc']) => docParagraphs(doc).map((t): Block => ['p', t]);
  blocks.push(...paras(a.summary.doc));
  blocks.push(['h2', 'Key Differences'], ...a.keyDifferences.flatMap((k) => paras(k.text.doc)));
  blocks.push(['h2', 'Comparison Chart'], ['th', a.chart.headerLabel], ...a.terms.map((t): Block => ['th', t.name]));
  for (const r of a.chart.rows) blocks.push(['td', r.label], ...a.terms.map((t): Block => ['td', r.values[t.key] ?? '']));
  blocks.push(['h2', `${names(a.terms.map((t) => t.name))} Definitions`]);
  for (const d of a.definitions) {
    blocks.push(['h3', a.terms.find((t) => t.key === d.term)?.name ?? ''], ...paras(d.text.doc), ...d.examples.map((e): Block => ['quote', e.text]));
  }
  blocks.push(['h2', 'FAQs'], ...a.faqs.flatMap((f): Block[] => [['h3', f.question], ...paras(f.answer.doc)]));
  for (const [label, p] of [['Author', a.byline.author], ['Editor', a.byline.editor]] as const) {
    if (p) blocks.push(['h2', `About the ${label}`], ['h3', p.name], ...paras(p.bio.doc));
  }
  return blocks;
}

const withoutFrontMatter = (md: string) => md.slice(md.indexOf('\n---\n', 4) + 5);

describe('escaping corpus', () => {
  it.each(corpus.map((c) => [c.terms.length, c] as const))('%i-term article Markdown reads back as its source text', (_n, c) => {
    const article = exportOf(c);
    expect(parsedBlocks(withoutFrontMatter(buildArticleMarkdown(article)))).toEqual(expectedBlocks(article));
  });

  it('reads every hostile line back unchanged as a paragraph, heading and table cell', () => {
    for (const text of HOSTILE) {
      expect(parsedBlocks(escapeMarkdownText(text, 'hard'))).toEqual([['p', text]]);
      expect(parsedBlocks(`### ${escapeMarkdownText(text, 'br')}`)).toEqual([['h3', text]]);
      expect(parsedBlocks(`| ${escapeMarkdownText(text, 'br')} |\n|---|\n`)).toEqual([['th', text]]);
    }
  });

  it('keeps bold, italic and links as marks, not literal asterisks', () => {
    const html = markdownParser.render(richTextToMarkdown(richDoc()));
    expect(html).toContain('<strong>&quot;quoted bold&quot;</strong>');
    expect(html).toContain('glued <em>italic *with* stars <strong>both</strong>(punct)</em>x<a');
    expect(html).toContain('<a href="https://example.com/a_(b)?q=1&amp;r=%3C2%3E"><strong>C# [docs] (v2)</strong></a>');
    expect(html.match(/<ul>/g)).toHaveLength(2);
    expect(html).toContain('<ol start="3">');
  });

  it('writes no unescaped tag or javascript: link into HTML from a hostile corpus', () => {
    const hostileDoc: BlockDoc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: HOSTILE.map((text) => ({ type: 'text' as const, text })) },
        { type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }, { type: 'text', text: '"><script>x</script>', marks: [{ type: 'link', attrs: { href: 'https://e.com/"><script>' } }] }] },
      ],
    };
    const htmlFields = (value: unknown): string[] =>
      value !== null && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => (k === 'html' && typeof v === 'string' ? [v] : htmlFields(v)))
        : [];
    const outputs = [richTextToHtml(hostileDoc), ...corpus.flatMap((c) => htmlFields(exportOf(c)))];
    expect(outputs.length).toBeGreaterThan(50);
    for (const html of outputs) {
      expect(html).not.toMatch(/<script|<img|href="javascript:/i);
      // Only the allowed tags appear at all.
      expect(html.match(/<\/?([a-z]+)/g)?.every((t) => /^<\/?(p|br|strong|em|a|ul|ol|li)$/.test(t)) ?? true).toBe(true);
    }
    expect(richTextToHtml(hostileDoc)).toContain('<p>click<a href="https://e.com/&quot;&gt;&lt;script&gt;">');
  });

  it('validates every exported article and person against the shipped JSON Schema (Ajv)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validateArticle = ajv.compile(jsonSchemaFor('article'));
    const validatePerson = ajv.compile(jsonSchemaFor('person'));
    for (const c of corpus) {
      const json = JSON.parse(stableStringify(exportOf(c)));
      expect(validateArticle(json), JSON.stringify(validateArticle.errors)).toBe(true);
    }
    for (const p of people) expect(validatePerson(JSON.parse(stableStringify(buildPersonJson(p))))).toBe(true);
    const broken = JSON.parse(stableStringify(exportOf(corpus[0])));
    broken.terms = broken.terms.slice(0, 1);
    broken.extra = true;
    expect(validateArticle(broken)).toBe(false);
  });
});
