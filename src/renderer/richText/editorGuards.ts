import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** Removes blocks whose text must never become content: scripts, styles (Word pastes), comments. */
export function stripPastedHtml(html: string): string {
  return html
    .replace(/<(script|style|template|noscript|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style|template|noscript|iframe|object)\b[^>]*\/?>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

/**
 * Guards every editor: early clean-up of pasted HTML (the schema is the real gate: the parser
 * keeps only known nodes and marks; this only drops script/style text first), and no link navigation.
 */
export const EditorGuards = Extension.create({
  name: 'editorGuards',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('editorGuards'),
        props: {
          transformPastedHTML: stripPastedHtml,
          handleDOMEvents: {
            // Links never navigate from inside the editor, whatever the modifier keys.
            click: (_view, event) => preventLinkNavigation(event),
            auxclick: (_view, event) => preventLinkNavigation(event),
          },
        },
      }),
    ];
  },
});

function preventLinkNavigation(event: MouseEvent): boolean {
  const target = event.target as Element | null;
  if (target && typeof target.closest === 'function' && target.closest('a')) event.preventDefault();
  return false;
}
