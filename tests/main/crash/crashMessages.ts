/** What the crash worker tells its parent over IPC. */
export type WorkerMessage =
  | { type: 'loaded' }
  | { type: 'ready'; pid: number }
  /** A save that resolved: the file must hold this revision (or a later one) from now on. */
  | { type: 'ack'; id: string; revision: number; hash: string; bytes: number }
  | { type: 'error'; message: string };

/** The parent's one message: open this workspace and save until killed. */
export interface GoMessage {
  type: 'go';
  dir: string;
  seed: number;
  /** Make the first save a 1–5 MB article. */
  big: boolean;
}
