import type { Notice } from '../../shared/api/contract';

export interface NoticesBannerProps {
  notices: readonly Notice[];
  onDismiss: (id: string) => void;
}

/** Workspace notices (a quarantined file, a recovered save…) until the writer dismisses them. */
export function NoticesBanner({ notices, onDismiss }: NoticesBannerProps) {
  if (notices.length === 0) return null;
  return (
    <div role="alert" aria-label="Notices" className="notices">
      <ul>
        {notices.map((notice) => (
          <li key={notice.id} className={`notice notice-${notice.kind}`}>
            <span className="notice-message">
              {notice.message}
              {notice.file ? <code className="notice-file"> {notice.file}</code> : null}
            </span>
            <button type="button" className="button subtle" onClick={() => onDismiss(notice.id)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
