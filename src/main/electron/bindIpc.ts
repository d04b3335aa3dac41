import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/api/channels';
import type { Dispatch } from '../ipc/dispatcher';

/**
 * Binds every contract channel to the one dispatcher, which validates the sender and the input
 * and never throws. The sender is the URL of the frame that sent the message ('' when the
 * frame is already gone, which no trusted-sender check accepts). Returns a function that
 * removes the handlers again.
 */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  channels: readonly string[] = CHANNELS,
): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) =>
      dispatch(channel, input, { url: event.senderFrame?.url ?? '' }),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
