import { isMessage, translate, type Message, type MessageParams } from './i18n';

export type { Message };

/** A field-level problem in a request, reported in the `errors` list of a problem document. */
export interface FieldError {
  field: string;
  /** English; the problem document carries it in the request's language. */
  message: string;
  /** Stable, for clients that word it themselves: a schema rule (`required`, `too_long`) or a message key. */
  code?: string;
  params?: MessageParams;
}

/** What a module says: a catalogue message (read in the request's language), or a plain English text. */
export type Text = string | Message;

const english = (text: Text) => (isMessage(text) ? translate(text.key, 'en', text.params) : text);

export function fieldError(field: string, text: Text): FieldError {
  if (!isMessage(text)) return { field, message: text };
  return { field, message: english(text), code: text.key, ...(Object.keys(text.params).length > 0 ? { params: text.params } : {}) };
}

/**
 * The one error type of the server. The HTTP layer turns it into an RFC 9457
 * `application/problem+json` answer; anything else that escapes is a bug and answers 500.
 */
export class AppError extends Error {
  /** English, for logs and for the platform's own texts; `detailMessage` renders it in the reader's language. */
  readonly detail?: string;
  readonly detailMessage?: Message;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: Text,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail === undefined ? title : english(detail));
    this.detail = detail === undefined ? undefined : english(detail);
    this.detailMessage = isMessage(detail) ? detail : undefined;
  }

  static badRequest(detail: Text, errors?: FieldError[]): AppError {
    return new AppError(400, 'bad-request', 'Bad request', detail, errors);
  }

  static validation(errors: FieldError[], detail: Text = 'The request has invalid fields.'): AppError {
    return new AppError(422, 'validation', 'Validation failed', detail, errors);
  }

  /** A 422 whose detail repeats its first field error, for a rule check that collects several. */
  static fields(errors: FieldError[]): AppError {
    const [first] = errors;
    return AppError.validation(errors, first.code ? { key: first.code, params: first.params ?? {} } : first.message);
  }

  static field(field: string, message: Text): AppError {
    return AppError.validation([fieldError(field, message)], message);
  }

  static unauthorized(detail: Text = 'Sign in to continue.'): AppError {
    return new AppError(401, 'unauthorized', 'Unauthorized', detail);
  }

  static forbidden(detail: Text = 'You do not have permission to do this.'): AppError {
    return new AppError(403, 'forbidden', 'Forbidden', detail);
  }

  /** Also what a record outside the caller's reach answers: its existence is not confirmed. */
  static notFound(entity = 'Record'): AppError {
    return new AppError(404, 'not-found', 'Not found', `${entity} not found.`);
  }

  static conflict(detail: Text, extra?: Record<string, unknown>): AppError {
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

  static tooManyRequests(detail: Text): AppError {
    return new AppError(429, 'too-many-requests', 'Too many requests', detail);
  }
}
