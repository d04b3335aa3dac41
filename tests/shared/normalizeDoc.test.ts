import { describe, expect, it } from 'vitest';
import { normalizeDoc } from '../../src/shared/model/normalizeDoc';
import { blockDocSchema, inlineDocSchema } from '../../src/shared/model/richText';

describe('normalizeDoc', () => {
  it('reduces TipTap output to the stored schema: extra link attributes go, unsafe links go, text is kept', () => {
    const editorJson = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          attrs: { textAlign: 'left' },
          content: [
            { type: 'text', text: 'safe', marks: [{ type: 'link', attrs: { href: 'https://a.example', target: '_blank', rel: 'noopener', class: null } }] },
            { type: 'text', text: ' evil', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'underline' }] },
            { type: 'text', text: ' more' },
          ],
        },
        { type: 'image', attrs: { src: 'x.png' } },
      ],
    };
    const doc = normalizeDoc(editorJson, false);
    expect(inlineDocSchema.safeParse(doc).success).toBe(true);
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'safe', marks: [{ type: 'link', attrs: { href: 'https://a.example' } }] },
            { type: 'text', text: ' evil more' },
          ],
        },
      ],
    });
  });

  it('keeps lists where allowed and flattens them to paragraphs elsewhere', () => {
    const list = { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] }] };
    const kept = normalizeDoc(list, true);
    expect(blockDocSchema.safeParse(kept).success).toBe(true);
    expect(kept.content[0].type).toBe('bulletList');
    expect(normalizeDoc(list, false)).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] });
  });

  it('never returns an empty document', () => {
    expect(normalizeDoc({ type: 'doc', content: [] }, false)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});
