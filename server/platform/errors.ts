/** A field-level problem in a request, reported in the `errors` list of a problem document. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type of the server. The HTTP layer turns it into an RFC 9457
 * `application/problem+json` answer; anything else that escapes is a bug and answers 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }

  static badRequest(detail: string, errors?: FieldError[]): AppError {
    return new AppError(400, 'bad-request', 'Bad request', detail, errors);
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields.'): AppError {
    return new AppError(422, 'validation', 'Validation failed', detail, errors);
  }

  static field(field: string, message: string): AppError {
    return AppError.validation([{ field, message }], message);
  }

  static unauthorized(detail = 'Sign in to continue.'): AppError {
    return new AppError(401, 'unauthorized', 'Unauthorized', detail);
  }

  static forbidden(detail = 'You do not have permission to do this.'): AppError {
    return new AppError(403, 'forbidden', 'Forbidden', detail);
  }

  /** Also what a record outside the caller's reach answers: its existence is not confirmed. */
  static notFound(entity = 'Record'): AppError {
    return new AppError(404, 'not-found', 'Not found', `${entity} not found.`);
  }

  static conflict(detail: string, extra?: Record<string, unknown>): AppError {
    return new AppError(409, 'conflict', 'Conflict', detail, undefined, extra);
  }

  static staleVersion(currentVersion: number, current?: unknown): AppError {
    return new AppError(
      409,
      'stale-version',
      'The record was changed by someone else',
      'Reload the record, re-apply your change and save again.',
      undefined,
      { currentVersion, current },
    );
  }

  static tooManyRequests(detail: string): AppError {
    return new AppError(429, 'too-many-requests', 'Too many requests', detail);
  }
}
