import type { ReactNode } from 'react';
export type View = 'comparisons' | 'people' | 'dashboard';

export interface TopBarProps {
  workspaceName: string;
  workspacePath: string;
  view: View;
  onView: (view: View) => void;
  onChooseWorkspace: (mode: 'open' | 'create') => void;
  /** Opens the export or import dialog. */
  onPublish: (kind: 'export' | 'import') => void;
  /** Who is working (the profile switcher), at the far end of the bar. */
  profile?: ReactNode;
}

const VIEW_NAMES: Record<View, string> = { comparisons: 'Comparisons', people: 'People', dashboard: 'Dashboard' };

/** Workspace name, the view switcher and the workspace folder actions. */
export function TopBar({ workspaceName, workspacePath, view, onView, onChooseWorkspace, onPublish, profile }: TopBarProps) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="app-name">Versus Desk</span>
        <span className="workspace-name" title={workspacePath}>
          {workspaceName}
        </span>
      </div>
      <div className="view-switch" role="group" aria-label="View">
        {(['comparisons', 'people', 'dashboard'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="switch-button"
            aria-pressed={view === name}
            onClick={() => onView(name)}
          >
            {VIEW_NAMES[name]}
          </button>
        ))}
      </div>
      <div className="topbar-actions">
        <button type="button" className="button subtle small" onClick={() => onPublish('import')}>
          Import…
        </button>
        <button type="button" className="button subtle small" onClick={() => onPublish('export')}>
          Export…
        </button>
        <button type="button" className="button subtle small" onClick={() => onChooseWorkspace('open')}>
          Open workspace…
        </button>
        <button type="button" className="button subtle small" onClick={() => onChooseWorkspace('create')}>
          New workspace…
        </button>
        {profile}
      </div>
    </header>
  );
}
