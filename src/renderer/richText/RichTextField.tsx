import { useRef, useState, type MouseEvent } from 'react';
import type { RichDoc } from '../../shared/model/richText';
import { RichTextEditor } from './RichTextEditor';
import { StaticRichText } from './StaticRichText';
import './richText.css';

export interface RichTextFieldProps {
  /** Accessible name of the field (aria-label of the textbox); also names its toolbar. */
  label: string;
  value: RichDoc;
  /** Called with the normalized stored doc on every content change made in the editor. */
  onChange: (doc: RichDoc) => void;
  /** Bullet and numbered lists (FAQ answers, bios). Default false. */
  allowLists?: boolean;
  placeholder?: string;
  /** Put on the textbox, for <label htmlFor> and jump-to-field. */
  id?: string;
  className?: string;
}

/**
 * A rich-text field that costs nothing until used: it shows a static rendering of the doc that
 * looks and reads like the editor, and mounts the real TipTap editor in its place on first
 * focus (click, Tab or a programmatic focus), keeping it mounted afterwards.
 */
export function RichTextField({ label, value, onChange, allowLists = false, placeholder, id, className }: RichTextFieldProps) {
  const [active, setActive] = useState(false);
  const clickPoint = useRef<{ x: number; y: number } | null>(null);

  const fieldClass = ['rt-field', className].filter(Boolean).join(' ');
  if (active) {
    return (
      <div className={fieldClass}>
        <RichTextEditor
          label={label}
          value={value}
          onChange={onChange}
          allowLists={allowLists}
          placeholder={placeholder}
          id={id}
          initialPoint={clickPoint.current}
        />
      </div>
    );
  }

  // Same rule as TipTap's Placeholder: the doc is one paragraph with nothing in it.
  const first = value.content[0];
  const empty = value.content.length === 1 && first?.type === 'paragraph' && !first.content?.length;
  return (
    <div className={fieldClass}>
      <div className="rt-editor">
        <div
          className="ProseMirror rt-content rt-static"
          role="textbox"
          aria-multiline="true"
          aria-label={label}
          id={id}
          tabIndex={0}
          onMouseDown={(event: MouseEvent) => {
            if (event.button === 0) clickPoint.current = { x: event.clientX, y: event.clientY };
          }}
          onClick={(event: MouseEvent) => {
            // The static view's links never navigate; the click only opens the editor.
            if ((event.target as Element).closest('a')) event.preventDefault();
          }}
          onAuxClick={(event: MouseEvent) => event.preventDefault()}
          onFocus={() => setActive(true)}
        >
          {empty && placeholder ? (
            <p className="is-empty is-editor-empty" data-placeholder={placeholder}>
              <br className="ProseMirror-trailingBreak" />
            </p>
          ) : (
            <StaticRichText doc={value} />
          )}
        </div>
      </div>
    </div>
  );
}
