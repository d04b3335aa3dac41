import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Shows "Removed …" with an Undo button for 10 seconds; a newer removal replaces the toast. */
export type ShowUndo = (message: string, undo: () => void) => void;

const UndoContext = createContext<ShowUndo>(() => undefined);

export function useUndo(): ShowUndo {
  return useContext(UndoContext);
}

const TOAST_MS = 10_000;

export function UndoProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<{ key: number; message: string; undo: () => void } | null>(null);

  const show = useCallback<ShowUndo>((message, undo) => {
    setToast({ key: Date.now() + Math.random(), message, undo });
  }, []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const value = useMemo(() => show, [show]);
  return (
    <UndoContext.Provider value={value}>
      {children}
      <div className="toast-slot">
        {toast && (
          <div role="status" aria-label="Undo removal" className="toast" key={toast.key}>
            <span>{toast.message}</span>
            <button
              type="button"
              className="button"
              onClick={() => {
                toast.undo();
                setToast(null);
              }}
            >
              Undo
            </button>
            <button type="button" className="button subtle" aria-label="Close" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </UndoContext.Provider>
  );
}
