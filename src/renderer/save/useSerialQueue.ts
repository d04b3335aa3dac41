import { useCallback, useRef } from 'react';

export interface SerialQueue {
  /** Runs `task` after every task enqueued before it; a failure is logged and does not stop the queue. */
  enqueue: (task: () => Promise<unknown>) => Promise<void>;
  /** Settles once every task enqueued so far has. */
  idle: () => Promise<void>;
}

/** Calls that must reach main one at a time and in order (the hot-exit journals' writes and clears). */
export function useSerialQueue(failureWarning: string): SerialQueue {
  const chain = useRef<Promise<void>>(Promise.resolve());
  const enqueue = useCallback(
    (task: () => Promise<unknown>) => {
      chain.current = chain.current.then(task).then(
        () => undefined,
        (error: unknown) => console.warn(failureWarning, error),
      );
      return chain.current;
    },
    [failureWarning],
  );
  const idle = useCallback(() => chain.current, []);
  return { enqueue, idle };
}
