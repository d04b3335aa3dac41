import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/main/bundle/contentHash';
import { stableStringify } from '../../../src/main/store/durableWrite';
import { buildArticleJson } from '../../../src/shared/export/articleJson';
import { buildArticleMarkdown } from '../../../src/shared/export/articleMarkdown';
import { seedRecords } from './exportTestKit';

const golden = (name: string) => fileURLToPath(new URL(`../../golden/${name}`, import.meta.url));
const fixtureMd = fileURLToPath(new URL('../../fixtures/social-media-vs-social-networking.md', import.meta.url));

function seedExport() {
  const { comparison, author, editor } = seedRecords();
  const article = buildArticleJson({
    comparison,
    people: [author, editor],
    articles: [],
    status: 'draft',
    contentHash: contentHash(comparison),
  });
  return { json: stableStringify(article), md: buildArticleMarkdown(article) };
}

/** Compares with the checked-in golden file; `UPDATE_GOLDEN=1` rewrites it instead. */
async function expectGolden(name: string, actual: string): Promise<void> {
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden(name), actual, 'utf8');
  const expected = await readFile(golden(name), 'utf8');
  expect(Buffer.from(actual, 'utf8').equals(Buffer.from(expected, 'utf8'))).toBe(true);
}

describe('seed article export', () => {
  it('gives the checked-in JSON byte for byte', async () => {
    await expectGolden('social-media-vs-social-networking.json', seedExport().json);
  });

  it('gives the checked-in Markdown byte for byte', async () => {
    await expectGolden('social-media-vs-social-networking.md', seedExport().md);
  });

  it('writes the same Markdown body as the fixture page', async () => {
    const body = (md: string) => md.slice(md.indexOf('\n---\n', 4) + 5);
    expect(body(seedExport().md)).toBe(body(await readFile(fixtureMd, 'utf8')));
  });

  it('puts title, slug, terms, people, date, status and revision in the front matter', () => {
    const md = seedExport().md;
    const front = parseYaml(md.slice(4, md.indexOf('\n---\n', 4)));
    expect(front).toEqual({
      title: "Social Media vs. Social Networking: What's the Difference?",
      slug: 'social-media-vs-social-networking',
      terms: ['Social Media', 'Social Networking'],
      author: 'Harlon Moss',
      editor: 'Aimie Carlson',
      updated: '2023-10-10',
      status: 'draft',
      revision: 1,
    });
  });

  it('is deterministic: sorted keys, 2-space indent, LF and a trailing newline', () => {
    const { json } = seedExport();
    expect(json).toBe(seedExport().json);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).not.toContain('\r');
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(
      ['byline', 'chart', 'definitions', 'faqs', 'format', 'id', 'keyDifferences', 'related', 'review', 'revision', 'slug', 'summary', 'terms', 'title'],
    );
    expect(json.split('\n')[1]).toMatch(/^ {2}"byline": \{$/);
  });

  it('changes the content hash when the content changes, not when only the revision does', () => {
    const { comparison } = seedRecords();
    const hash = contentHash(comparison);
    expect(contentHash({ ...comparison, revision: 7, updatedAt: '2030-01-01T00:00:00.000Z' })).toBe(hash);
    expect(contentHash({ ...comparison, title: `${comparison.title}!` })).not.toBe(hash);
  });
});
