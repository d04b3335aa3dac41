import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { MouseEvent, ReactNode } from 'react';
import { selectToolbarState } from './toolbarState';
import { LinkPrompt } from './LinkPrompt';
import { applyLink } from './applyLink';

interface RichTextToolbarProps {
  editor: Editor;
  label: string;
  allowLists: boolean;
  linkOpen: boolean;
  onLinkOpenChange: (open: boolean) => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const shortcut = (key: string): string => (isMac ? `⌘${key}` : `Ctrl+${key}`);

// Toolbar buttons must not take focus from the editor, or the selection they act on is lost.
const keepEditorFocus = (event: MouseEvent): void => event.preventDefault();

/** Bold, Italic, Link (and lists where allowed) for one field. */
export function RichTextToolbar({ editor, label, allowLists, linkOpen, onLinkOpenChange }: RichTextToolbarProps) {
  const state = useEditorState({ editor, selector: selectToolbarState });

  const button = (name: string, pressed: boolean, title: string, icon: ReactNode, run: () => void): ReactNode => (
    <button
      type="button"
      className="rt-button"
      aria-label={name}
      aria-pressed={pressed}
      title={title}
      onMouseDown={keepEditorFocus}
      onClick={run}
    >
      {icon}
    </button>
  );

  return (
    <div className="rt-toolbar" role="toolbar" aria-label={`Formatting for ${label}`}>
      {button('Bold', state.bold, `Bold (${shortcut('B')})`, <span className="rt-icon-bold">B</span>, () =>
        editor.chain().focus().toggleBold().run(),
      )}
      {button('Italic', state.italic, `Italic (${shortcut('I')})`, <span className="rt-icon-italic">I</span>, () =>
        editor.chain().focus().toggleItalic().run(),
      )}
      {button('Link', state.link, `Link (${shortcut('K')})`, <LinkIcon />, () => onLinkOpenChange(!linkOpen))}
      {allowLists ? (
        <>
          <span className="rt-separator" aria-hidden="true" />
          {button('Bulleted list', state.bulletList, 'Bulleted list', <BulletIcon />, () =>
            editor.chain().focus().toggleBulletList().run(),
          )}
          {button('Numbered list', state.orderedList, 'Numbered list', <NumberedIcon />, () =>
            editor.chain().focus().toggleOrderedList().run(),
          )}
        </>
      ) : null}
      {linkOpen ? (
        <LinkPrompt
          initialHref={state.linkHref}
          onApply={(href) => {
            const message = applyLink(editor, href);
            if (message === null) onLinkOpenChange(false);
            return message;
          }}
          onCancel={() => {
            onLinkOpenChange(false);
            editor.commands.focus();
          }}
        />
      ) : null}
    </div>
  );
}

function LinkIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
      <path d="M6.5 9.5l3-3" />
      <path d="M7 4.5l1.2-1.2a2.6 2.6 0 013.7 3.7L10.7 8.2" />
      <path d="M9 11.5l-1.2 1.2a2.6 2.6 0 01-3.7-3.7L5.3 7.8" />
    </svg>
  );
}

function BulletIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="currentColor">
      <circle cx="3" cy="4" r="1.3" />
      <circle cx="3" cy="8" r="1.3" />
      <circle cx="3" cy="12" r="1.3" />
      <rect x="6" y="3.3" width="8" height="1.4" rx="0.7" />
      <rect x="6" y="7.3" width="8" height="1.4" rx="0.7" />
      <rect x="6" y="11.3" width="8" height="1.4" rx="0.7" />
    </svg>
  );
}

function NumberedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="currentColor">
      <text x="0.5" y="6" fontSize="5" fontFamily="system-ui, sans-serif">1</text>
      <text x="0.5" y="13" fontSize="5" fontFamily="system-ui, sans-serif">2</text>
      <rect x="6" y="3.3" width="8" height="1.4" rx="0.7" />
      <rect x="6" y="10.3" width="8" height="1.4" rx="0.7" />
    </svg>
  );
}
