import fc from 'fast-check';
import { ulid } from 'ulid';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/main/bundle/contentHash';
import { buildSeedRecords } from '../../../src/main/seed/seedWorkspace';
import { buildArticleJson } from '../../../src/shared/export/articleJson';
import { buildArticleMarkdown, frontMatterYaml, frontMatterYamlQuick } from '../../../src/shared/export/articleMarkdown';

describe('the Markdown front matter', () => {
  it('holds no < or > (a renderer that does not know front matter shows no tag) and reads back the same', () => {
    const seed = buildSeedRecords(new Date('2026-01-02T03:04:05Z'), ulid);
    const title = '<script>alert(1)</script> & <b onmouseover=x>"quoted"</b>';
    const comparison = { ...seed.comparison, title, titleEdited: true, terms: seed.comparison.terms.map((t, i) => (i === 0 ? { ...t, name: '<img src=x onerror=y>' } : t)) };
    const md = buildArticleMarkdown(
      buildArticleJson({ comparison, people: [seed.author, seed.editor], articles: [comparison], status: 'draft', contentHash: contentHash(comparison) }),
    );
    const front = /^---\n([\s\S]*?)---\n/.exec(md)![1];
    expect(front).not.toMatch(/[<>]/);
    const meta = parseYaml(front) as { title: string; terms: string[] };
    expect(meta.title).toBe(title);
    expect(meta.terms[0]).toBe('<img src=x onerror=y>');
  });
});

describe('the front matter written directly', () => {
  const text = fc.oneof(
    { arbitrary: fc.string({ maxLength: 40 }), weight: 12 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
    { arbitrary: fc.constantFrom('', ' ', 'No: yes', '2023-10-10', '- x', '#tag', 'a\\b', 'say "hi"', '<b>', 'tab\there', 'line\nbreak', ' \n ', '\u0085\u00a0\u2028', '\ud800', '\u{1F600}', '---', '...', 'null', '~'), weight: 3 },
  );
  const data = fc.record(
    {
      title: text,
      slug: text,
      terms: fc.array(text, { minLength: 2, maxLength: 4 }),
      author: text,
      authorCredentials: text,
      editor: text,
      editorCredentials: text,
      updated: text,
      status: fc.constantFrom('draft', 'in_review', 'signed_off'),
      revision: fc.integer({ min: 1, max: 1_000_000 }),
    },
    { requiredKeys: ['title', 'slug', 'terms', 'status', 'revision'] },
  );

  it('is the yaml library’s text byte for byte whenever it applies, and steps aside (null) otherwise', () => {
    let quick = 0;
    fc.assert(
      fc.property(data, (d) => {
        // The key order the exporter uses.
        const ordered: Record<string, unknown> = {};
        for (const k of ['title', 'slug', 'terms', 'author', 'authorCredentials', 'editor', 'editorCredentials', 'updated', 'status', 'revision'] as const) if (k in d) ordered[k] = d[k];
        const fast = frontMatterYamlQuick(ordered);
        if (fast !== null) {
          quick++;
          expect(fast).toBe(frontMatterYaml(ordered));
        } else {
          expect(Object.values(ordered).flat().some((v) => typeof v === 'string' && /[\u0000-\u001f\ud800-\udfff]/.test(v))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    // Most generated records take the direct path: the comparison above is not vacuous.
    expect(quick).toBeGreaterThan(200);
  });
});
