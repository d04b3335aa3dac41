import { ClientError } from '../api/client';

/**
 * The message of an INVALID_INPUT error that concerns `field` (a top-level field of the saved
 * record), from either `{ field }` or zod-style `{ issues: [{ path, message }] }` details.
 */
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ClientError) || error.code !== 'INVALID_INPUT') return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null) return null;
  const record = details as { field?: unknown; issues?: unknown };
  if (record.field === field) return error.message;
  if (Array.isArray(record.issues)) {
    for (const issue of record.issues as Array<{ path?: unknown; message?: unknown }>) {
      const path = Array.isArray(issue.path) ? issue.path.filter((p) => p !== 'comparison' && p !== 'person') : [];
      if (path[0] === field && typeof issue.message === 'string') return issue.message;
    }
  }
  return null;
}
