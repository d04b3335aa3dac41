// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Editor } from '@tiptap/core';
import { RichTextField, type RichTextFieldProps } from '../../../src/renderer/richText/RichTextField';
import { docFromText, type RichDoc } from '../../../src/shared/model/richText';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(async () => {
  await act(async () => root?.unmount());
  host?.remove();
  root = null;
});

async function renderField(props: RichTextFieldProps): Promise<(next: Partial<RichTextFieldProps>) => Promise<void>> {
  host = document.createElement('div');
  document.body.append(host);
  const r = createRoot(host);
  root = r;
  await act(async () => r.render(createElement(RichTextField, props)));
  return async (next) => {
    Object.assign(props, next);
    await act(async () => r.render(createElement(RichTextField, { ...props })));
  };
}

const textbox = (): HTMLElement => document.querySelector('[role="textbox"]') as HTMLElement;
const editorOf = (): Editor => (textbox() as HTMLElement & { editor: Editor }).editor;

describe('rich-text field', () => {
  it('shows the doc read-only until focused, then mounts the editor in place with the same name', async () => {
    await renderField({ label: 'Key difference 2', id: 'kd2', value: docFromText('Hello'), onChange: () => {} });
    expect(textbox().getAttribute('contenteditable')).toBeNull();
    expect(textbox().getAttribute('aria-label')).toBe('Key difference 2');
    expect(textbox().textContent).toBe('Hello');

    await act(async () => textbox().focus());
    expect(textbox().getAttribute('contenteditable')).toBe('true');
    expect(textbox().getAttribute('aria-label')).toBe('Key difference 2');
    expect(textbox().getAttribute('aria-multiline')).toBe('true');
    expect(textbox().id).toBe('kd2');
    expect(document.querySelector('[role="toolbar"]')?.getAttribute('aria-label')).toBe('Formatting for Key difference 2');
    expect(document.querySelector('button[aria-label="Bulleted list"]')).toBeNull();
  });

  it('reports edits as the stored schema and keeps the same editor while the value echoes back', async () => {
    const onChange = vi.fn<(doc: RichDoc) => void>();
    const rerender = await renderField({ label: 'Bio', value: docFromText('ab'), onChange, allowLists: true });
    await act(async () => textbox().focus());
    const editor = editorOf();
    await act(async () => editor.chain().setTextSelection(3).insertContent('c').run());
    const doc = onChange.mock.lastCall?.[0];
    expect(doc).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'abc' }] }] });
    await rerender({ value: doc });
    expect(editorOf()).toBe(editor);
    expect(editor.state.selection.from).toBe(4);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('takes an external value without calling onChange', async () => {
    const onChange = vi.fn<(doc: RichDoc) => void>();
    const rerender = await renderField({ label: 'Answer', value: docFromText('old'), onChange });
    await act(async () => textbox().focus());
    await rerender({ value: docFromText('reloaded from disk') });
    expect(textbox().textContent).toBe('reloaded from disk');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('refuses a javascript: link in the link input with a visible message', async () => {
    await renderField({ label: 'Intro', value: docFromText('text'), onChange: () => {} });
    await act(async () => textbox().focus());
    await act(async () => editorOf().commands.setTextSelection({ from: 1, to: 5 }));
    const linkButton = document.querySelector('button[aria-label="Link"]') as HTMLButtonElement;
    await act(async () => linkButton.click());
    const input = document.querySelector('input[aria-label="Link address"]') as HTMLInputElement;
    expect(input).not.toBeNull();
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(input, 'javascript:alert(1)');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(document.querySelector('[role="alert"]')?.textContent).toMatch(/https:\/\/, http:\/\/ or mailto:/);
    expect(textbox().querySelector('a')).toBeNull();
  });
});
