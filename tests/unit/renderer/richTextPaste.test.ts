// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { buildExtensions } from '../../../src/renderer/richText/buildExtensions';
import { StaticRichText } from '../../../src/renderer/richText/StaticRichText';
import { stripPastedHtml } from '../../../src/renderer/richText/editorGuards';
import { normalizeDoc, type LooseNode } from '../../../src/shared/model/normalizeDoc';
import { blockDocSchema, emptyDoc, inlineDocSchema, type RichDoc } from '../../../src/shared/model/richText';

const HOSTILE =
  '<h1>T</h1><script>alert(1)</script><p onclick=x><b>b</b><a href="javascript:alert(1)">x</a>' +
  '<img src=x onerror=alert(1)></p><ul><li>i</li></ul>';

const editors: Editor[] = [];
function makeEditor(allowLists: boolean, content: RichDoc = emptyDoc()): Editor {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: buildExtensions({ allowLists }),
    content,
    injectCSS: false,
  });
  editors.push(editor);
  return editor;
}
afterEach(() => {
  while (editors.length > 0) editors.pop()?.destroy();
});

function paste(allowLists: boolean, html: string): RichDoc {
  const editor = makeEditor(allowLists);
  editor.view.pasteHTML(html);
  return normalizeDoc(editor.getJSON() as LooseNode, allowLists);
}

describe('pasting into a rich-text field', () => {
  it('reduces hostile HTML to paragraphs and bold in a field without lists', () => {
    const doc = paste(false, HOSTILE);
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'T' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'b', marks: [{ type: 'bold' }] }, { type: 'text', text: 'x' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'i' }] },
      ],
    });
    expect(inlineDocSchema.safeParse(doc).success).toBe(true);
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/alert|script|img|onclick|javascript/i);
  });

  it('keeps the list where lists are allowed', () => {
    const doc = paste(true, HOSTILE);
    expect(doc.content[doc.content.length - 1]).toEqual({
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'i' }] }] }],
    });
    expect(doc.content.some((node) => node.type === 'paragraph' && JSON.stringify(node).includes('"T"'))).toBe(true);
    expect(blockDocSchema.safeParse(doc).success).toBe(true);
    expect(JSON.stringify(doc)).not.toMatch(/alert|script|img|onclick|javascript/i);
  });

  it('keeps http(s) and mailto links and drops their extra attributes', () => {
    const doc = paste(
      false,
      '<p><a href="https://example.com/x" target="_blank" class="c" title="t">web</a> <a href="mailto:me@example.com">mail</a> <a href="data:text/html,x">data</a> <a href="/rel">rel</a></p>',
    );
    expect(doc).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'web', marks: [{ type: 'link', attrs: { href: 'https://example.com/x' } }] },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'mail', marks: [{ type: 'link', attrs: { href: 'mailto:me@example.com' } }] },
            { type: 'text', text: ' data rel' },
          ],
        },
      ],
    });
  });

  it('drops the text of pasted style and script blocks (Word pastes carry CSS)', () => {
    expect(stripPastedHtml('<style>p{color:red}</style><p>a</p><script type="x">b()</script><!-- c -->')).toBe('<p>a</p>');
    const doc = paste(false, '<html><head><style>p.MsoNormal{margin:0}</style></head><body><p class="MsoNormal">Word</p></body></html>');
    expect(doc).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Word' }] }] });
  });

  it('drops every event-handler attribute before the HTML is parsed (quoted, unquoted, after a slash)', () => {
    const html = '<img src=x onerror="a()"><a href="https://e.com" OnClick=\'b()\' onmouseover=c()>ok</a><svg/onload=d()><b title="x onerror=y">t</b>';
    // The handlers go; the rest of each tag, and text inside a quoted value, stay.
    expect(stripPastedHtml(html)).toBe('<img src=x><a href="https://e.com">ok</a><svg><b title="x onerror=y">t</b>');
  });

  it('refuses to set a javascript: link through the link command', () => {
    const editor = makeEditor(false, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'abc' }] }] });
    editor.commands.setTextSelection({ from: 1, to: 3 });
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(editor.commands.setLink({ href: 'https://example.com/' })).toBe(true);
    expect(normalizeDoc(editor.getJSON() as LooseNode, false).content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'ab', marks: [{ type: 'link', attrs: { href: 'https://example.com/' } }] },
        { type: 'text', text: 'c' },
      ],
    });
  });

  it('shows the same elements in the static view as in the editor', () => {
    const doc: RichDoc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'x ' },
            { type: 'text', text: 'y', marks: [{ type: 'bold' }, { type: 'italic' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'z', marks: [{ type: 'link', attrs: { href: 'https://example.com/' } }] },
            { type: 'hardBreak' },
          ],
        },
        { type: 'paragraph' },
        { type: 'orderedList', attrs: { start: 2 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'o' }] }] }] },
      ],
    };
    const editor = makeEditor(true, doc);
    const shape = (html: string): string => {
      const host = document.createElement('div');
      host.innerHTML = html;
      const walk = (node: Node): string =>
        node.nodeType === 3
          ? JSON.stringify(node.textContent)
          : `<${(node as Element).tagName.toLowerCase()}${(node as Element).getAttribute('start') ? ` start=${(node as Element).getAttribute('start')}` : ''}>${Array.from(node.childNodes).map(walk).join('')}`;
      return Array.from(host.childNodes).map(walk).join('');
    };
    const staticHtml = renderToStaticMarkup(createElement(StaticRichText, { doc }));
    expect(shape(staticHtml)).toBe(shape(editor.view.dom.innerHTML));
  });
});
