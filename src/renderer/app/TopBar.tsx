export type View = 'comparisons' | 'people';

export interface TopBarProps {
  workspaceName: string;
  workspacePath: string;
  view: View;
  onView: (view: View) => void;
  onChooseWorkspace: (mode: 'open' | 'create') => void;
}

/** Workspace name, the view switcher and the workspace folder actions. */
export function TopBar({ workspaceName, workspacePath, view, onView, onChooseWorkspace }: TopBarProps) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="app-name">Versus Desk</span>
        <span className="workspace-name" title={workspacePath}>
          {workspaceName}
        </span>
      </div>
      <div className="view-switch" role="group" aria-label="View">
        {(['comparisons', 'people'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="switch-button"
            aria-pressed={view === name}
            onClick={() => onView(name)}
          >
            {name === 'comparisons' ? 'Comparisons' : 'People'}
          </button>
        ))}
      </div>
      <div className="topbar-actions">
        <button type="button" className="button subtle small" onClick={() => onChooseWorkspace('open')}>
          Open workspace…
        </button>
        <button type="button" className="button subtle small" onClick={() => onChooseWorkspace('create')}>
          New workspace…
        </button>
      </div>
    </header>
  );
}
