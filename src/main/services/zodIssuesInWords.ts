import type { z } from 'zod';

const MAX_ISSUES = 5;

/** "terms: A comparison needs 2 to 4 terms; title: The title cannot be empty" — for people, not parsers. */
export function zodIssuesInWords(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = issues.length > MAX_ISSUES ? `; and ${issues.length - MAX_ISSUES} more` : '';
  return shown.join('; ') + more;
}

/** The issues as plain data that survives IPC. */
export function zodIssuesAsData(issues: readonly z.core.$ZodIssue[]): Array<{ path: Array<string | number>; message: string; code: string }> {
  return issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: issue.message,
    code: issue.code,
  }));
}
