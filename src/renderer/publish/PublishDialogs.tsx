import type { ComparisonSummary } from '../../shared/api/contract';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import './publish.css';

export type PublishDialogKind = 'export' | 'import';

export interface PublishDialogsProps {
  kind: PublishDialogKind;
  summaries: readonly ComparisonSummary[];
  flushAll: () => Promise<boolean>;
  onImported: (ids: string[]) => Promise<void> | void;
  onClose: () => void;
  /** The dialog started (true) or ended (false) work that must not be left halfway: an export running, an import being written. */
  onBusyChange: (kind: PublishDialogKind, busy: boolean) => void;
  /** Why the File menu's other dialog was not opened in this one's place (shown in this one). */
  refusal: { text: string; nonce: number } | null;
}

/** The export or import dialog the File menu or the top bar asked for. */
export function PublishDialogs({ kind, summaries, flushAll, onImported, onClose, onBusyChange, refusal }: PublishDialogsProps) {
  const onBusy = (busy: boolean) => onBusyChange(kind, busy);
  return kind === 'export' ? (
    <ExportDialog summaries={summaries} flushAll={flushAll} onClose={onClose} onBusyChange={onBusy} refusal={refusal} />
  ) : (
    <ImportDialog flushAll={flushAll} onImported={onImported} onClose={onClose} onBusyChange={onBusy} refusal={refusal} />
  );
}
