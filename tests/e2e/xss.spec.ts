/**
 * An XSS corpus typed and pasted (as HTML, and as text through the real clipboard) into every
 * plain and rich-text field of an article and a person, through the UI. Nothing may execute: no
 * dialog, no navigation, no CSP violation, no flag set by a payload. The stored JSON holds the
 * payloads only as text (rich text keeps to its schema, links only http(s)/mailto), and the
 * exports (the article's JSON html, the HTML document and the Markdown) escape them.
 */
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import type { Token } from 'markdown-it';
import type { Locator, Page } from '@playwright/test';
import { comparisonSchema, type Comparison } from '../../src/shared/model/comparison';
import { personSchema, type Person } from '../../src/shared/model/person';
import { buildArticleJson } from '../../src/shared/export/articleJson';
import { contentHash } from '../../src/main/bundle/contentHash';
import { expect, test } from './harness/harness';
import { pasteInto } from './support/clipboard';
import { expectSeedOpen, field } from './support/editor';
import { expectSaved } from './support/fields';

const SLUG = 'social-media-vs-social-networking';

/** Every payload is at most 120 characters (the shortest field, a term name, takes 120). */
const CORPUS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"><script>window.__xss=1</script></svg>',
  '<iframe src="javascript:window.top.__xss=1"></iframe><iframe srcdoc="<script>top.__xss=1</script>">',
  '<a href="JaVaScRiPt:window.__xss=1">mixed case</a>',
  '<a href="java&#x09;script:window.__xss=1">tab entity</a> <a href=" javascript:window.__xss=1">space</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
  '<a href="VBScript:MsgBox(1)">vbscript</a>',
  '<a href="https://example.com/ok" onclick="window.__xss=1" target="_top">a good link, bad handler</a>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '"><img src=x onerror=alert(1)><details open ontoggle="window.__xss=1">',
  '[a markdown link](javascript:window.__xss=1) <javascript:alert(1)>',
  '![a markdown image](javascript:alert(1)) ![img](https://example.com/x.png)',
  '<form action="javascript:alert(1)"><button>go</button></form><object data="javascript:alert(1)">',
  '<style>*{background:url("javascript:alert(1)")}</style><b onmouseover=alert(1)>bold</b>',
];

/** The corpus in groups of at most 300 characters joined (the title's limit), one group per round. */
const GROUPS = CORPUS.reduce<string[][]>((groups, payload) => {
  const last = groups.at(-1);
  if (last && [...last, payload].join(' ').length <= 300) last.push(payload);
  else groups.push([payload]);
  return groups;
}, []);

/** As many whole payloads of the group as a field of `max` characters takes (at least one: each is at most 120). */
function fit(group: readonly string[], max: number): string {
  let out = group[0];
  for (const payload of group.slice(1)) {
    if (`${out} ${payload}`.length > max) break;
    out = `${out} ${payload}`;
  }
  return out;
}

const SAFE_HREF = /^(https?:|mailto:)/i;
const BAD_SCHEME = /^\s*(javascript|vbscript|data):/i;
const NODE_TYPES = new Set(['doc', 'paragraph', 'text', 'hardBreak', 'bulletList', 'orderedList', 'listItem']);
const MARK_TYPES = new Set(['bold', 'italic', 'link']);

/** Every rich-text doc in a record keeps to the schema: known nodes and marks, safe links, no handler keys. */
function expectNoMarkup(record: unknown, where: string): void {
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) expect(key, `${where}: handler key at ${path}`).not.toMatch(/^on|^(html|innerHTML|srcdoc)$/i);
    if (obj.type === 'doc' || (typeof obj.type === 'string' && Array.isArray(obj.content))) {
      expect(NODE_TYPES.has(obj.type as string), `${where}: node ${String(obj.type)} at ${path}`).toBe(true);
    }
    if (obj.type === 'text') {
      for (const mark of (obj.marks as Array<{ type: string; attrs?: { href?: string } }> | undefined) ?? []) {
        expect(MARK_TYPES.has(mark.type), `${where}: mark ${mark.type} at ${path}`).toBe(true);
        if (mark.type === 'link') expect(mark.attrs?.href ?? '', `${where}: link at ${path}`).toMatch(SAFE_HREF);
      }
    }
    for (const [key, v] of Object.entries(obj)) walk(v, `${path}.${key}`);
  };
  walk(record, where);
}

/** Tags and attributes an HTML string uses. */
function htmlShape(html: string): { tags: Set<string>; attrs: Set<string>; urls: string[] } {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  const urls: string[] = [];
  for (const [, name, rest] of html.matchAll(/<\s*\/?\s*([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    tags.add(name.toLowerCase());
    for (const [, attr, , v1, v2, v3] of rest.matchAll(/([^\s=/"']+)(\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs.add(attr.toLowerCase());
      if (/^(href|src|action|formaction|data|xlink:href)$/i.test(attr)) urls.push(v1 ?? v2 ?? v3 ?? '');
    }
  }
  return { tags, attrs, urls };
}

function expectSafeHtml(html: string, baseline: { tags: Set<string>; attrs: Set<string> }, where: string): void {
  const shape = htmlShape(html);
  // Only the tags and attributes the clean article uses, plus what the rich-text schema renders.
  const richTags = ['a', 'br', 'p', 'strong', 'em', 'ul', 'ol', 'li'];
  for (const tag of shape.tags) expect([...baseline.tags, ...richTags], `${where}: tag <${tag}>`).toContain(tag);
  for (const attr of shape.attrs) expect([...baseline.attrs, 'href', 'rel'], `${where}: attribute ${attr}`).toContain(attr);
  for (const url of shape.urls) expect(url.replace(/&#x?[0-9a-f]+;?/gi, ''), `${where}: url`).not.toMatch(BAD_SCHEME);
  expect(html, where).not.toMatch(/<script|<iframe|<svg|<img|<object|<style[^>]*>[^<]*javascript/i);
}

/**
 * The front matter is YAML (pipelines strip it before rendering): it must read back as the stored
 * values and hold no `<` or `>` even so. The body is Markdown: no raw HTML, no image, no link but
 * http(s)/mailto, even with every link let through the parser.
 */
function expectSafeMarkdown(markdown: string, where: string): Record<string, unknown> {
  const front = /^---\n([\s\S]*?)\n?---\n/.exec(markdown);
  expect(front, `${where}: front matter`).not.toBeNull();
  expect(front![1], `${where}: front matter`).not.toMatch(/[<>]/);
  const meta = parseYaml(front![1]) as Record<string, unknown>;
  visitMarkdown(markdown.slice(front![0].length), where);
  return meta;
}

function visitMarkdown(markdown: string, where: string): void {
  const md = new MarkdownIt({ html: true, linkify: false });
  // Let every link through parsing so a bad one is seen, not silently dropped.
  md.validateLink = () => true;
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      // The exporter's own line break in headings and table cells is the one tag allowed.
      if (!(token.type === 'html_inline' && /^<br\s*\/?>$/.test(token.content))) {
        expect(token.type, `${where}: raw HTML ${token.content}`).not.toMatch(/^html_(inline|block)$/);
      }
      expect(token.type, `${where}: image`).not.toBe('image');
      if (token.type === 'link_open') expect(token.attrGet('href') ?? '', `${where}: link`).toMatch(SAFE_HREF);
      if (token.children) visit(token.children);
    }
  };
  visit(md.parse(markdown, {}));
}

/** The page's globals used here (the node tsconfig has no DOM lib). */
interface PageGlobals {
  __xss?: unknown;
  __csp: string[];
  document: { addEventListener(type: string, listener: (e: { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number; columnNumber: number }) => void, capture: boolean): void };
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
}

/** Pastes `html` as the browser would hand a copied web page to the editor (text/html on the clipboard). */
async function pasteHtml(box: Locator, html: string): Promise<void> {
  await box.click();
  await expect(box).toHaveAttribute('contenteditable', 'true');
  await box.evaluate((el, payload) => {
    const page = globalThis as unknown as PageGlobals;
    const data = new page.DataTransfer();
    data.setData('text/html', payload);
    data.setData('text/plain', payload);
    el.dispatchEvent(new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

async function typeRich(box: Locator, text: string): Promise<void> {
  await box.click();
  await expect(box).toHaveAttribute('contenteditable', 'true');
  await box.fill(text);
}

/** Watches the page for anything a payload could make happen. */
async function guard(page: Page) {
  const dialogs: string[] = [];
  const navigations: string[] = [];
  const cspConsole: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__csp = [];
    w.document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`), true);
  });
  return {
    startWatchingNavigation(appUrl: string) {
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url() !== appUrl) navigations.push(frame.url());
      });
    },
    async expectNothingRan(where: string) {
      const inPage = await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        return { xss: w.__xss ?? null, csp: w.__csp };
      });
      expect(inPage.xss, `${where}: a payload set window.__xss`).toBeNull();
      expect(inPage.csp, `${where}: CSP violations`).toEqual([]);
      expect(cspConsole, `${where}: CSP console messages`).toEqual([]);
      expect(dialogs, `${where}: dialogs`).toEqual([]);
      expect(navigations, `${where}: navigations`).toEqual([]);
    },
  };
}

test('the XSS corpus typed and pasted into every field runs nothing, is stored as text and leaves every export escaped', async ({ page, app, openApp, readStoredComparison, readStoredPeople }) => {
  test.setTimeout(180_000);
  const watch = await guard(page);
  await openApp();
  await expectSeedOpen(page);
  watch.startWatchingNavigation(page.url());
  const seed = await readStoredComparison(SLUG);
  const preview = async () => {
    const result = await app.dispatch('comparisons.preview', { id: seed.id });
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { html: string; markdown: string };
  };
  const clean = await preview();
  const baseline = htmlShape(clean.html);
  expectSafeMarkdown(clean.markdown, 'the clean article');

  const started = Date.now();
  const rich = ['Summary', 'Key difference 1', 'Definition 1 text', 'FAQ 1 answer'].map((name) => field(page, name));
  const termNames = seed.terms.map((t) => t.name);

  for (const [i, group] of GROUPS.entries()) {
    const where = `payloads ${group.map((p) => CORPUS.indexOf(p) + 1).join(', ')}`;
    const joined = group.join(' ');
    // Plain fields, typed. The chart cell is named after its term, so it goes before the terms change.
    await field(page, `Row 1 ${termNames[0]}`).fill(joined);
    await field(page, 'Row 1 label').fill(fit(group, 200));
    await field(page, 'Chart header label').fill(fit(group, 200));
    await field(page, 'Definition 1 example 1').fill(joined);
    await field(page, 'FAQ 1 question').fill(joined);
    await field(page, 'Title').fill(joined);
    // Term names take 120 characters; the terms take turns.
    const term = i % 2;
    const termName = fit(group, 120);
    await field(page, `Term ${term + 1}`).fill(termName);
    termNames[term] = termName;
    // Rich text: typed into one field, pasted as HTML into every one, pasted as text (real clipboard) into one.
    await typeRich(rich[i % rich.length], joined);
    for (const box of rich) await pasteHtml(box, group.join('<br>'));
    await pasteInto(page, rich[(i + 1) % rich.length], group.join('\n'));
    await expectSaved(page);
    await watch.expectNothingRan(where);

    const stored = await readStoredComparison(seed.id);
    expect(comparisonSchema.safeParse(stored).success, where).toBe(true);
    expectNoMarkup(stored, where);
    // Plain fields keep the payloads as the text they are.
    expect(stored.title, where).toBe(joined);
    expect(stored.faqs[0].question, where).toBe(joined);
    expect(stored.chart.headerLabel, where).toBe(fit(group, 200));
    expect(stored.terms[term].name, where).toBe(termName.trim());
  }

  console.log(`xss: ${CORPUS.length} payloads in ${GROUPS.length} rounds through the article's fields in ${Date.now() - started} ms`);
  // The slug refuses the corpus in words and saves nothing of it.
  for (const payload of CORPUS.slice(0, 2)) {
    await field(page, 'Slug').fill(payload);
    await expect(page.getByRole('status', { name: 'Save status' })).toContainText('slug');
  }
  await field(page, 'Slug').fill('xss-corpus');
  await expectSaved(page);
  await watch.expectNothingRan('slug');

  // Exports of the stored article.
  const stored = await readStoredComparison(seed.id);
  expect(stored.slug).toBe('xss-corpus');
  const exported = await preview();
  expectSafeHtml(exported.html, baseline, 'the HTML export');
  const meta = expectSafeMarkdown(exported.markdown, 'the Markdown export');
  expect(meta.title).toBe(stored.title);
  expect(meta.terms).toEqual(stored.terms.map((t) => t.name));
  const people = await readStoredPeople();
  const article = buildArticleJson({ comparison: stored, people, articles: [stored], status: 'draft', contentHash: contentHash(stored) });
  const htmlPieces = JSON.stringify(article).match(/"html":"(?:[^"\\]|\\.)*"/g) ?? [];
  expect(htmlPieces.length).toBeGreaterThan(3);
  for (const piece of htmlPieces) expectSafeHtml(JSON.parse(`{${piece}}`).html as string, baseline, 'the JSON export html');
  // The payloads' text is there, escaped, not dropped.
  const titleStart = stored.title.split(/["']/)[0];
  expect(titleStart.length).toBeGreaterThan(5);
  expect(exported.html).toContain(`<h1>${titleStart.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`);

  console.log(`xss: slug and exports checked at ${Date.now() - started} ms`);
  // A person: name, credentials and bio.
  await page.getByRole('button', { name: 'People', exact: true }).click();
  for (const [n, chunk] of [CORPUS.slice(0, 8), CORPUS.slice(8)].entries()) {
    await page.getByRole('button', { name: 'New person' }).click();
    const name = `${n + 1} ${chunk[0]}`;
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'Credentials', exact: true }).fill(chunk.join(' ').slice(0, 500));
    const bio = field(page, 'Bio');
    await typeRich(bio, chunk.join(' '));
    for (const payload of chunk) await pasteHtml(bio, payload);
    await pasteInto(page, bio, chunk.join('\n'));
    await page.getByRole('button', { name: 'Save person' }).click();
    await expect(page.getByRole('list', { name: 'People' })).toContainText(name);
    await watch.expectNothingRan(`person ${n + 1}`);
  }
  const savedPeople: Person[] = await readStoredPeople();
  expect(savedPeople).toHaveLength(people.length + 2);
  for (const person of savedPeople) {
    expect(personSchema.safeParse(person).success).toBe(true);
    expectNoMarkup(person, person.name);
  }
  // The people view rendered their names as text.
  await expect(page.getByRole('list', { name: 'People' })).toContainText('<script>window.__xss=1</script>');
  const withBios: Comparison = { ...stored, byline: { ...stored.byline, authorId: savedPeople.find((p) => p.name.startsWith('1 '))!.id } };
  const personArticle = buildArticleJson({ comparison: withBios, people: savedPeople, articles: [stored], status: 'draft', contentHash: contentHash(withBios) });
  for (const piece of JSON.stringify(personArticle).match(/"html":"(?:[^"\\]|\\.)*"/g) ?? []) {
    expectSafeHtml(JSON.parse(`{${piece}}`).html as string, baseline, 'the bio export html');
  }
  await watch.expectNothingRan('the end');
  console.log(`xss: people checked at ${Date.now() - started} ms`);
});
