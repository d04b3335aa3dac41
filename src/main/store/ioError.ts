import { ServiceError } from '../../shared/api/errors';
import { errnoCode } from './fsLayer';

const ERRNO_WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported a read/write error',
  EACCES: 'permission was denied',
  EPERM: 'the operation was not permitted',
  EBUSY: 'the file is busy (another program may be using it)',
  EROFS: 'the disk is read-only',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  ENOENT: 'a file or folder is missing',
  ENOTDIR: 'a folder in the path is a file',
  EISDIR: 'a file in the path is a folder',
  EEXIST: 'a file is in the way',
};

/** An fs error as a ServiceError('IO') a person can read: `Could not save “Title”: the disk is full (ENOSPC)`. */
export function ioError(action: string, error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const code = errnoCode(error);
  const words = code ? (ERRNO_WORDS[code] ?? 'the file system refused') : 'an unexpected error occurred';
  return new ServiceError('IO', `${action}: ${words}${code ? ` (${code})` : ''}`, {
    errno: code ?? null,
    cause: error instanceof Error ? error.message : String(error),
  });
}
