import { getMarkAttributes, isMarkActive, isNodeActive, type Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';

/** What the formatting toolbar shows for the current selection. */
export interface ToolbarState {
  bold: boolean;
  italic: boolean;
  link: boolean;
  /** The href of the link at the selection, to prefill the link input. */
  linkHref: string;
  bulletList: boolean;
  orderedList: boolean;
}

/** Toolbar state from a ProseMirror state alone (pure, testable without a DOM). */
export function toolbarStateOf(state: EditorState): ToolbarState {
  const hasNode = (name: string): boolean => name in state.schema.nodes && isNodeActive(state, name);
  const link = 'link' in state.schema.marks && isMarkActive(state, 'link');
  const href: unknown = link ? getMarkAttributes(state, 'link').href : '';
  return {
    bold: isMarkActive(state, 'bold'),
    italic: isMarkActive(state, 'italic'),
    link,
    linkHref: typeof href === 'string' ? href : '',
    bulletList: hasNode('bulletList'),
    orderedList: hasNode('orderedList'),
  };
}

/** Selector for `useEditorState`: re-renders the toolbar only when this result changes. */
export function selectToolbarState({ editor }: { editor: Pick<Editor, 'state'> }): ToolbarState {
  return toolbarStateOf(editor.state);
}
