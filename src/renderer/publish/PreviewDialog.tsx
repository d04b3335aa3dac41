import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PreviewOutput } from '../../shared/api/publishContract';
import { call, errorText } from '../api/client';
import { Dialog } from '../app/Dialog';
import { PREVIEW_CSS } from './previewCss';
import './publish.css';

export interface PreviewDialogProps {
  id: string;
  onClose: () => void;
}

type Tab = 'rendered' | 'markdown';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'rendered', label: 'Rendered' },
  { id: 'markdown', label: 'Markdown' },
];

/**
 * The stored article as it will publish: the HTML the export builds, in a sandboxed frame that
 * runs no script, and the exported Markdown source.
 */
export function PreviewDialog({ id, onClose }: PreviewDialogProps) {
  const [preview, setPreview] = useState<PreviewOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('rendered');
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());

  useEffect(() => {
    let live = true;
    call('comparisons.preview', { id })
      .then((value) => live && setPreview(value))
      .catch((caught: unknown) => live && setError(errorText(caught)));
    return () => {
      live = false;
    };
  }, [id]);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length;
    setTab(TABS[next].id);
    tabRefs.current.get(TABS[next].id)?.focus();
  };

  return (
    <Dialog title={preview ? `Preview: ${preview.title}` : 'Preview'} onDismiss={onClose} className="publish-dialog preview-dialog">
      <div role="tablist" aria-label="Preview as" className="preview-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) tabRefs.current.set(t.id, el);
            }}
            type="button"
            role="tab"
            id={`preview-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`preview-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="preview-tab"
            onClick={() => setTab(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          The preview could not be made: {error}
        </p>
      )}
      {!preview && !error && <p aria-live="polite">Rendering…</p>}
      {preview && (
        <div role="tabpanel" id={`preview-panel-${tab}`} aria-labelledby={`preview-tab-${tab}`} className="preview-panel">
          {tab === 'rendered' ? (
            <iframe
              title="Rendered article"
              className="preview-frame"
              // No allow-scripts: nothing in the frame can run. Same origin only so the frame's
              // own styles can be given to it below (a sandboxed srcdoc inherits the page's CSP).
              sandbox="allow-same-origin"
              srcDoc={preview.html}
              onLoad={(event) => styleFrame(event.currentTarget)}
            />
          ) : (
            <pre className="preview-markdown" tabIndex={0} aria-label="Markdown source">
              {preview.markdown}
            </pre>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** Gives the frame a readable page style as a constructed stylesheet (no inline <style>, which the CSP refuses). */
function styleFrame(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  const view = doc?.defaultView as (Window & typeof globalThis) | null | undefined;
  if (!doc || !view) return;
  try {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(PREVIEW_CSS);
    doc.adoptedStyleSheets = [sheet];
  } catch {
    // Unstyled is still a faithful preview.
  }
}
