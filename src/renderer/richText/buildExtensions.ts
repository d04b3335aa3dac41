import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Placeholder } from '@tiptap/extensions';
import { isAllowedHref } from '../../shared/model/richText';
import { EditorGuards } from './editorGuards';

export interface RichTextExtensionOptions {
  /** Bullet and numbered lists (FAQ answers, bios). Other fields hold paragraphs only. */
  allowLists: boolean;
  placeholder?: string;
}

/**
 * The one extension set behind every rich-text field. The editor's schema holds exactly
 * the stored schema (paragraph, text, hard break, bold, italic, link, and lists only when
 * allowed), so anything pasted is reduced to it by ProseMirror's parser.
 */
export function buildExtensions({ allowLists, placeholder }: RichTextExtensionOptions): Extensions {
  const extensions: Extensions = [
    StarterKit.configure({
      heading: false,
      blockquote: false,
      codeBlock: false,
      code: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      // A trailing empty paragraph after a list would make the stored doc differ from the editor's.
      trailingNode: false,
      gapcursor: false,
      dropcursor: false,
      bulletList: allowLists ? {} : false,
      orderedList: allowLists ? {} : false,
      listItem: allowLists ? {} : false,
      listKeymap: allowLists ? {} : false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        // Used by TipTap for parsing pasted <a>, setLink, autolink and rendering: one allow-list for all.
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null, class: null },
      },
    }),
    EditorGuards,
  ];
  if (placeholder) extensions.push(Placeholder.configure({ placeholder }));
  return extensions;
}
