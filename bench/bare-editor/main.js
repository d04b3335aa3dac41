// The typing benchmark's floor: one TipTap editor, StarterKit, no React, no app around it.
// It holds the same content as the field the app benchmark types into (window.__benchDoc,
// set by the benchmark before the page loads). Built by scripts/bench.mjs; never shipped.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

const content = globalThis.__benchDoc ?? { type: 'doc', content: [{ type: 'paragraph' }] };
new Editor({
  element: document.getElementById('editor'),
  extensions: [StarterKit],
  content,
  injectCSS: false,
  editorProps: { attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Bare editor' } },
});
globalThis.__benchEditorReady = true;
