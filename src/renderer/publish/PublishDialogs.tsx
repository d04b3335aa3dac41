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
}

/** The export or import dialog the File menu or the top bar asked for. */
export function PublishDialogs({ kind, summaries, flushAll, onImported, onClose }: PublishDialogsProps) {
  return kind === 'export' ? (
    <ExportDialog summaries={summaries} flushAll={flushAll} onClose={onClose} />
  ) : (
    <ImportDialog flushAll={flushAll} onImported={onImported} onClose={onClose} />
  );
}
