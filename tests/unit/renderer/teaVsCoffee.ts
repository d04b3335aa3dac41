import type { Comparison } from '../../../src/shared/model/comparison';

/** A rich-text field holding one paragraph of this text. */
export const paragraphDoc = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
});

/** A valid "Tea vs. Coffee" article with no parts, as the editor holds it; `parts` fills them in. */
export function teaVsCoffee(parts: Partial<Comparison> = {}): Comparison {
  return {
    format: 1,
    id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    revision: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    terms: [
      { key: 'a', name: 'Tea' },
      { key: 'b', name: 'Coffee' },
    ],
    title: "Tea vs. Coffee: What's the Difference?",
    titleEdited: false,
    slug: 'tea-vs-coffee',
    slugEdited: false,
    summary: { type: 'doc', content: [{ type: 'paragraph' }] },
    keyDifferences: [],
    chart: { headerLabel: '', rows: [] },
    definitions: [],
    faqs: [],
    byline: { authorId: null, editorId: null, updated: null },
    related: [],
    ...parts,
  } as Comparison;
}
