import { Component, lazy, type ComponentType, type ReactNode } from 'react';

/**
 * The views the first screen (top bar + sidebar list) does not need, loaded on demand: the article
 * editor (TipTap, ProseMirror, review, history, diff), the people view, the dashboard and the
 * export/import dialogs. The page shows the workspace list without parsing any of them. The app
 * wraps them in <Suspense> with a LoadingView; a view whose code cannot load says so here.
 */
/**
 * zod (the schemas behind review status, part hashes, checks) is not in the first chunk either:
 * its configuration (no `new Function` probe under the CSP) is loaded before any view that can
 * parse with it, so it is in place before the first parse.
 */
const withZod = <T,>(load: () => Promise<T>) => import('../zodConfig').then(load);
const loadEditor = () => withZod(() => import('../comparison/ComparisonEditor'));

const LazyEditor = lazy(() => loadEditor().then((m) => ({ default: m.ComparisonEditor })));
const LazyPeople = lazy(() => withZod(() => import('../people/PeopleView')).then((m) => ({ default: m.PeopleView })));
const LazyDashboard = lazy(() => withZod(() => import('../dashboard/DashboardView')).then((m) => ({ default: m.DashboardView })));
const LazyPublish = lazy(() => withZod(() => import('../publish/PublishDialogs')).then((m) => ({ default: m.PublishDialogs })));

/** The review summary of a saved article, for the list (it only runs after the editor saved: its code is loaded). */
export const loadReviewSummary = () => withZod(() => import('../../shared/dashboard/reviewSummary')).then((m) => m.reviewSummaryOf);

export const ComparisonEditor = guarded(LazyEditor, 'the editor');
export const PeopleView = guarded(LazyPeople, 'people');
export const DashboardView = guarded(LazyDashboard, 'the dashboard');
export const PublishDialogs = guarded(LazyPublish, 'the export and import dialogs');

/** Starts loading the editor's code (while the article itself is being fetched); errors surface when it renders. */
export function preloadEditor(): void {
  loadEditor().catch(() => undefined);
}

/** What a view shows while its code loads. */
export function LoadingView({ what }: { what: string }) {
  return (
    <div className="empty-state" role="status" aria-live="polite">
      <p>Loading {what}…</p>
    </div>
  );
}

function guarded<P extends object>(View: ComponentType<P>, what: string) {
  const Guarded = (props: P) => (
    <LoadFailure what={what}>
      <View {...props} />
    </LoadFailure>
  );
  Guarded.displayName = `Guarded(${what})`;
  return Guarded;
}

/** Shows why a view's code could not load instead of leaving the window blank. */
class LoadFailure extends Component<{ what: string; children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="alert app-alert" role="alert">
        Could not load {this.props.what}: {this.state.error}. Reload the window (Ctrl+R) to try again.
      </div>
    );
  }
}
