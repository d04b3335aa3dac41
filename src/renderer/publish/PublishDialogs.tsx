import type { ComparisonSummary } from '../../shared/api/contract';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import type { PublishWork } from './busy';
import './publish.css';

export type PublishDialogKind = 'export' | 'import';

export interface PublishDialogsProps {
  kind: PublishDialogKind;
  summaries: readonly ComparisonSummary[];
  flushAll: () => Promise<boolean>;
  onImported: (ids: string[]) => Promise<void> | void;
  onClose: () => void;
  /** The work the dialog holds now that must not be replaced (null: none): an export running, an import being written, an import plan waiting for choices. */
  onBusyChange: (kind: PublishDialogKind, work: PublishWork | null) => void;
  /** Why the File menu's other dialog was not opened in this one's place (shown in this one). */
  refusal: { text: string; nonce: number } | null;
}

/** The export or import dialog the File menu or the top bar asked for. */
export function PublishDialogs({ kind, summaries, flushAll, onImported, onClose, onBusyChange, refusal }: PublishDialogsProps) {
  const onBusy = (work: PublishWork | null) => onBusyChange(kind, work);
  return kind === 'export' ? (
    <ExportDialog summaries={summaries} flushAll={flushAll} onClose={onClose} onBusyChange={onBusy} refusal={refusal} />
  ) : (
    <ImportDialog flushAll={flushAll} onImported={onImported} onClose={onClose} onBusyChange={onBusy} refusal={refusal} />
  );
}
