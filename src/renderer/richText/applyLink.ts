import type { Editor } from '@tiptap/core';
import { isAllowedHref } from '../../shared/model/richText';

export const LINK_REFUSED_MESSAGE = 'Links must start with https://, http:// or mailto:';

/**
 * Applies what the writer typed in the link input to the selection: empty removes the link,
 * an allowed address sets it (inserting the address as text when nothing is selected), anything
 * else is refused. Returns the message to show, or null when done.
 */
export function applyLink(editor: Editor, typed: string): string | null {
  const href = typed.trim();
  if (href.length === 0) {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    return null;
  }
  if (!isAllowedHref(href)) return LINK_REFUSED_MESSAGE;
  if (editor.state.selection.empty && !editor.isActive('link')) {
    // Nothing selected: insert the address itself as the link text, then stop the link there
    // so the next typed character is plain text.
    editor
      .chain()
      .focus()
      .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
      .unsetMark('link')
      .run();
  } else {
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
  }
  return null;
}
