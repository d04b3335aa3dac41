/** Errors cross IPC as plain data (Error subclasses do not survive structured clone). */
export const ERROR_CODES = ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'LOCKED', 'IO', 'IN_USE', 'FORBIDDEN', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by services; the IPC binder turns it into an ApiError. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Words a user reads for each code, used when an error arrives without a message. */
export const ERROR_WORDS: Record<ErrorCode, string> = {
  INVALID_INPUT: 'That input is not valid.',
  NOT_FOUND: 'It no longer exists.',
  CONFLICT: 'It was changed elsewhere since you opened it.',
  LOCKED: 'The workspace is open in another Versus Desk window.',
  IO: 'The file could not be read or written.',
  IN_USE: 'It is still in use.',
  FORBIDDEN: 'That is not allowed.',
  INTERNAL: 'Something went wrong inside Versus Desk.',
};
