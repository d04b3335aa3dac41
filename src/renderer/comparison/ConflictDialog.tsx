import { Dialog } from '../app/Dialog';

export interface ConflictDialogProps {
  title: string;
  message: string;
  onReloadTheirs: () => void;
  onKeepMine: () => void;
  /** Where the losing copy will be shown (below it). */
  where?: string;
}

/** The save was refused because the file changed elsewhere: the writer chooses which copy wins. */
export function ConflictDialog({ title, message, onReloadTheirs, onKeepMine, where = 'the editor' }: ConflictDialogProps) {
  return (
    <Dialog title="Changed elsewhere" role="alertdialog" className="conflict-dialog">
      <p>{message}</p>
      <ul className="choices">
        <li>
          <strong>Keep mine</strong> saves your copy of “{title}” over the newer one, which stays available below {where} as “The
          replaced copy”.
        </li>
        <li>
          <strong>Reload theirs</strong> opens the newer copy; yours stays available below {where} as “Your
          discarded copy” so you can copy anything back.
        </li>
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onReloadTheirs}>
          Reload theirs
        </button>
        <button type="button" className="button primary" onClick={onKeepMine} autoFocus>
          Keep mine
        </button>
      </div>
    </Dialog>
  );
}
