import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Removes blocks whose text must never become content (scripts, styles from Word pastes,
 * comments) and every event-handler attribute. ProseMirror reads pasted HTML in an inert
 * document, so a handler could not run anyway; but Chromium still checks `onerror=` and friends
 * against the page's CSP while parsing and reports each one as a violation.
 */
export function stripPastedHtml(html: string): string {
  return stripHandlerAttributes(
    html
      .replace(/<(script|style|template|noscript|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<(script|style|template|noscript|iframe|object|embed)\b[^>]*\/?>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, ''),
  );
}

/** A start tag, its quoted attribute values allowed to hold `>`. */
const START_TAG = /<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
/** One attribute: a name, maybe `=` and a quoted or bare value. */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?/g;

/** Rewrites each start tag that has `on…` attributes without them (text inside quoted values is left alone). */
function stripHandlerAttributes(html: string): string {
  return html.replace(START_TAG, (tag: string, name: string, rest: string) => {
    if (!/on/i.test(rest)) return tag;
    const kept = [...rest.matchAll(ATTRIBUTE)].filter((m) => !/^on/i.test(m[1])).map((m) => m[0]);
    return `<${name}${kept.length > 0 ? ` ${kept.join(' ')}` : ''}>`;
  });
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
