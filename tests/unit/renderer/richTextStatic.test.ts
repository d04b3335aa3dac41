import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { StaticRichText } from '../../../src/renderer/richText/StaticRichText';
import type { RichDoc } from '../../../src/shared/model/richText';

const render = (doc: unknown): string => renderToStaticMarkup(createElement(StaticRichText, { doc: doc as RichDoc }));

describe('static rich text', () => {
  it('renders bold, italic, links and hard breaks as the editor does', () => {
    const html = render({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'A ' },
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' and ' },
            { type: 'text', text: 'both', marks: [{ type: 'bold' }, { type: 'italic' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'see ' },
            { type: 'text', text: 'docs', marks: [{ type: 'link', attrs: { href: 'https://example.com/a?b=1&c=2' } }] },
          ],
        },
        { type: 'paragraph' },
      ],
    });
    expect(html).toBe(
      '<p>A <strong>bold</strong> and <strong><em>both</em></strong><br/>see ' +
        '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" tabindex="-1">docs</a></p>' +
        '<p><br class="ProseMirror-trailingBreak"/></p>',
    );
  });

  it('renders bullet, numbered and nested lists', () => {
    const item = (text: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const html = render({
      type: 'doc',
      content: [
        { type: 'bulletList', content: [item('a'), { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }, { type: 'orderedList', content: [item('b1')] }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [item('c')] },
      ],
    });
    expect(html).toBe(
      '<ul><li><p>a</p></li><li><p>b</p><ol><li><p>b1</p></li></ol></li></ul><ol start="3"><li><p>c</p></li></ol>',
    );
  });

  it('does not render a javascript: link from a tampered file as a link', () => {
    const html = render({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            { type: 'text', text: 'me', marks: [{ type: 'link', attrs: { href: 'JaVaScRiPt:alert(1)' } }, { type: 'bold' }] },
          ],
        },
      ],
    });
    expect(html).toBe('<p>click<strong>me</strong></p>');
    expect(html).not.toContain('<a');
  });

  it('ignores nodes and text outside the schema instead of rendering them', () => {
    const html = render({
      type: 'doc',
      content: [
        { type: 'heading', content: [{ type: 'text', text: 'H' }] },
        { type: 'paragraph', content: [{ type: 'image', attrs: { src: 'x' } }, { type: 'text', text: '<b>raw</b>' }] },
      ],
    });
    expect(html).toBe('<p>&lt;b&gt;raw&lt;/b&gt;</p>');
  });
});
