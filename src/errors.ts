import { isDatabaseUnavailable } from './store/database-unavailable.js';

/**
 * One error module: string codes, one map from code to HTTP status, and a user-facing message.
 * Services throw AppError; transports (HTTP, Slack, Teams, CLI) decide how to show it.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CASE_CLOSED: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  TEXT_TOO_LONG: 422,
  NOT_CONFIGURED: 503,
  DATABASE_UNAVAILABLE: 503,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
} as const;
export type TErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: TErrorCode,
    message: string,
    /** Structured details a transport may show (e.g. the owner of a claimed case). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Wraps anything thrown into an AppError without leaking internals to users. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // Staff clicking a button while the database restarts should read that, and that trying again will work.
  if (isDatabaseUnavailable(err)) return new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable right now, so nothing was changed; please try again in a minute.');
  return new AppError('INTERNAL', 'Something went wrong on our side; it has been logged.', {
    cause: err instanceof Error ? err.message : String(err),
  });
}
