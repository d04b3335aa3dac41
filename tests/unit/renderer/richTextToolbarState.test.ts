import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { buildExtensions } from '../../../src/renderer/richText/buildExtensions';
import { selectToolbarState, toolbarStateOf } from '../../../src/renderer/richText/toolbarState';

/** A state with the caret inside the first text run equal to `text`, one character in. */
function stateIn(doc: object, text: string, allowLists = true): EditorState {
  const schema = getSchema(buildExtensions({ allowLists }));
  const node = schema.nodeFromJSON(doc);
  let at = -1;
  node.descendants((child, pos) => {
    if (at < 0 && child.isText && child.text === text) at = pos + 1;
  });
  if (at < 0) throw new Error(`no text ${text}`);
  return EditorState.create({ schema, doc: node, selection: TextSelection.create(node, at) });
}

const mixed = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'plain ' },
        { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'site', marks: [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://example.com/' } }] },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }] },
    { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
  ],
};

describe('toolbar state', () => {
  it('shows nothing pressed in plain text', () => {
    expect(toolbarStateOf(stateIn(mixed, 'plain '))).toEqual({
      bold: false,
      italic: false,
      link: false,
      linkHref: '',
      bulletList: false,
      orderedList: false,
    });
  });

  it('presses Bold inside bold text and Italic and Link inside an italic link, with its address', () => {
    expect(toolbarStateOf(stateIn(mixed, 'bold')).bold).toBe(true);
    const inLink = toolbarStateOf(stateIn(mixed, 'site'));
    expect(inLink).toMatchObject({ bold: false, italic: true, link: true, linkHref: 'https://example.com/' });
  });

  it('presses the list button of the list the caret is in', () => {
    const inBullet = toolbarStateOf(stateIn(mixed, 'item'));
    expect(inBullet).toMatchObject({ bulletList: true, orderedList: false });
    const inOrdered = toolbarStateOf(stateIn(mixed, 'one'));
    expect(inOrdered).toMatchObject({ bulletList: false, orderedList: true });
  });

  it('reports no list state in a field without lists', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] };
    expect(toolbarStateOf(stateIn(doc, 'x', false))).toMatchObject({ bulletList: false, orderedList: false });
  });

  it('works as a useEditorState selector over the editor snapshot', () => {
    const state = stateIn(mixed, 'bold');
    expect(selectToolbarState({ editor: { state } })).toEqual(toolbarStateOf(state));
  });
});
