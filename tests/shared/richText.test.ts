import { describe, expect, it } from 'vitest';
import { blockDocSchema, docFromText, docToText, inlineDocSchema, isAllowedHref, isDocEmpty } from '../../src/shared/model/richText';
import { secureJsonParse } from '../../src/main/store/secureJsonParse';

const para = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });
const linked = (href: string) => para({ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href } }] });

describe('rich text schema', () => {
  it('accepts paragraphs with bold, italic, links and hard breaks', () => {
    const doc = para(
      { type: 'text', text: 'bold', marks: [{ type: 'bold' }, { type: 'italic' }] },
      { type: 'hardBreak' },
      { type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.com/a?b=c' } }] },
    );
    expect(inlineDocSchema.safeParse(doc).success).toBe(true);
  });

  it('rejects unknown nodes such as headings, images and raw HTML', () => {
    expect(inlineDocSchema.safeParse({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 } }] }).success).toBe(false);
    expect(inlineDocSchema.safeParse(para({ type: 'image', attrs: { src: 'x.png' } })).success).toBe(false);
    expect(inlineDocSchema.safeParse(para({ type: 'html', text: '<script>alert(1)</script>' })).success).toBe(false);
  });

  it('rejects unknown marks and unknown attributes', () => {
    expect(inlineDocSchema.safeParse(para({ type: 'text', text: 'x', marks: [{ type: 'underline' }] })).success).toBe(false);
    expect(inlineDocSchema.safeParse(para({ type: 'text', text: 'x', marks: [{ type: 'bold', attrs: { style: 'color:red' } }] })).success).toBe(false);
    expect(
      inlineDocSchema.safeParse(para({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'https://a.b', target: '_blank' } }] })).success,
    ).toBe(false);
    expect(inlineDocSchema.safeParse({ type: 'doc', content: [{ type: 'paragraph', attrs: { class: 'x' } }] }).success).toBe(false);
  });

  for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'file:///etc/passwd', '/relative', 'java\tscript:alert(1)']) {
    it(`rejects the link ${JSON.stringify(href)}`, () => {
      expect(isAllowedHref(href)).toBe(false);
      expect(inlineDocSchema.safeParse(linked(href)).success).toBe(false);
    });
  }

  it('accepts http, https and mailto links', () => {
    for (const href of ['http://example.com', 'https://example.com/path', 'mailto:editor@example.com']) {
      expect(inlineDocSchema.safeParse(linked(href)).success).toBe(true);
    }
  });

  it('allows lists only in block documents (FAQ answers and bios)', () => {
    const list = { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }] };
    expect(blockDocSchema.safeParse(list).success).toBe(true);
    expect(inlineDocSchema.safeParse(list).success).toBe(false);
  });

  it('refuses __proto__ keys before they reach the schema', () => {
    expect(() => secureJsonParse('{"type":"doc","__proto__":{"admin":true}}')).toThrow(/__proto__/);
    expect(() => secureJsonParse('{"a":{"constructor":{"prototype":{"x":1}}}}')).toThrow(/forbidden key "(constructor|prototype)"/);
    expect(secureJsonParse('{"a":[1,{"b":"__proto__"}]}')).toEqual({ a: [1, { b: '__proto__' }] });
  });

  it('turns text into a document and back', () => {
    const doc = docFromText('One\nline\n\nTwo');
    expect(docToText(doc)).toBe('One\nline\n\nTwo');
    expect(isDocEmpty(docFromText('   '))).toBe(true);
    expect(isDocEmpty(doc)).toBe(false);
  });
});
