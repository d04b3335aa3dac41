import type { Low } from 'lowdb';
import { ServiceError } from '../../shared/api/errors';
import { RecordWriteError } from './DurableAdapter';
import { ioError } from './ioError';
import { zodIssuesAsData } from '../services/zodIssuesInWords';

/**
 * Writes a record through its Low instance. Invalid data becomes INVALID_INPUT (nothing is
 * written); a file-system failure becomes IO in words ("Could not save “Title”: …").
 */
export async function writeRecord<T>(low: Low<T | null>, data: T, label: string): Promise<void> {
  low.data = data;
  try {
    await low.write();
  } catch (error) {
    // The file on disk is still the previous version; forget the unsaved copy.
    low.data = null;
    if (error instanceof RecordWriteError) {
      throw new ServiceError('INVALID_INPUT', `Could not save “${label}”: ${error.reason}`, { issues: zodIssuesAsData(error.issues) });
    }
    throw ioError(`Could not save “${label}”`, error);
  }
}

/** Today's date in the local time zone, as YYYY-MM-DD. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
