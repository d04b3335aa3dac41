import { EditorContent, useEditor, type UseEditorOptions } from '@tiptap/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RichDoc } from '../../shared/model/richText';
import { normalizeDoc, type LooseNode } from '../../shared/model/normalizeDoc';
import { buildExtensions } from './buildExtensions';
import { RichTextToolbar } from './RichTextToolbar';

export interface RichTextEditorProps {
  label: string;
  value: RichDoc;
  onChange: (doc: RichDoc) => void;
  allowLists: boolean;
  placeholder?: string;
  id?: string;
  /** Where the writer clicked the static view, to put the caret there; else the caret goes to the end. */
  initialPoint?: { x: number; y: number } | null;
}

const serialize = (doc: RichDoc): string => JSON.stringify(doc);

/** The live TipTap editor of a rich-text field, with its toolbar. Mounted by RichTextField on first focus. */
export function RichTextEditor({ label, value, onChange, allowLists, placeholder, id, initialPoint }: RichTextEditorProps) {
  const [linkOpen, setLinkOpen] = useState(false);
  const onChangeRef = useRef(onChange);
  const attributesRef = useRef(editorAttributes(label, id));
  // The last doc this editor handed out (or was set to): an echo of it is not an external change.
  const lastDocRef = useRef(serialize(normalizeDoc(value as LooseNode, allowLists)));

  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });

  // One options object per extension set: useEditor then neither recreates nor reconfigures the
  // editor on re-render, and typing never resets the caret.
  const options = useMemo<UseEditorOptions>(
    () => ({
      extensions: buildExtensions({ allowLists, placeholder }),
      content: normalizeDoc(value as LooseNode, allowLists),
      injectCSS: false,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: () => attributesRef.current,
        handleKeyDown: (_view, event) => {
          const mod = event.ctrlKey || event.metaKey;
          if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
            event.preventDefault();
            setLinkOpen(true);
            return true;
          }
          return false;
        },
      },
      onUpdate: ({ editor }) => {
        const doc = normalizeDoc(editor.getJSON() as LooseNode, allowLists);
        lastDocRef.current = serialize(doc);
        onChangeRef.current(doc);
      },
    }),
    // value is only the initial content; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [allowLists, placeholder],
  );
  const editor = useEditor(options, [options]);

  // Label or id changes reach the contenteditable without recreating the editor.
  useEffect(() => {
    attributesRef.current = editorAttributes(label, id);
    const dom = editor?.isDestroyed ? null : editor?.view.dom;
    if (!dom) return;
    dom.setAttribute('aria-label', label);
    if (id) dom.setAttribute('id', id);
    else dom.removeAttribute('id');
  }, [editor, label, id]);

  // An external value (reload from disk, conflict resolution) replaces the content, silently,
  // only when it differs from what the editor holds.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const incoming = normalizeDoc(value as LooseNode, allowLists);
    const incomingText = serialize(incoming);
    if (incomingText === lastDocRef.current) return;
    if (incomingText === serialize(normalizeDoc(editor.getJSON() as LooseNode, allowLists))) return;
    editor.commands.setContent(incoming, { emitUpdate: false });
    lastDocRef.current = incomingText;
  }, [editor, value, allowLists]);

  // First mount: take focus at once (so the keystroke that follows lands here) and put the
  // caret where the writer clicked, or at the end.
  const initialPointRef = useRef(initialPoint);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const point = initialPointRef.current;
    initialPointRef.current = null;
    const hit = point ? editor.view.posAtCoords({ left: point.x, top: point.y }) : null;
    editor.view.focus();
    editor.commands.setTextSelection(hit ? hit.pos : editor.state.doc.content.size);
  }, [editor]);

  if (!editor) return null;
  return (
    <>
      <EditorContent editor={editor} className="rt-editor" />
      <RichTextToolbar editor={editor} label={label} allowLists={allowLists} linkOpen={linkOpen} onLinkOpenChange={setLinkOpen} />
    </>
  );
}

function editorAttributes(label: string, id: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    class: 'rt-content',
    spellcheck: 'true',
  };
  if (id) attributes.id = id;
  return attributes;
}
