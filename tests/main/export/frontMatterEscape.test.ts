import { ulid } from 'ulid';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/main/bundle/contentHash';
import { buildSeedRecords } from '../../../src/main/seed/seedWorkspace';
import { buildArticleJson } from '../../../src/shared/export/articleJson';
import { buildArticleMarkdown } from '../../../src/shared/export/articleMarkdown';

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
