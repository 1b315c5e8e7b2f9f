/**
 * The one way the web app talks to the server: JSON under /api/v1, the session cookie sent
 * same-origin, the CSRF token on every state-changing request, and problem documents turned
 * into `ApiError` with the field errors a form shows next to its fields.
 */

import { currentLanguage } from './i18n';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The server's message code of `detail` (a business rule), for clients that word it themselves. */
  messageCode?: string;
  /** `code` is stable: a schema rule (`required`, `too_long` with `params.maximum`) or a message code. */
  errors?: Array<{ field: string; message: string; code?: string; params?: Record<string, string | number> }>;
  [extra: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Field name → message, from the problem's `errors` list. */
  readonly fieldErrors: Record<string, string>;
  /** Which failed submission of a form this answers (set by useFormErrors), so focus moves once per failure. */
  submission?: number;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.fieldErrors = {};
    for (const error of problem.errors ?? []) {
      if (!(error.field in this.fieldErrors)) this.fieldErrors[error.field] = error.message;
    }
  }

  /** The same problem without the errors of the fields a person has changed since. */
  withoutFields(fields: ReadonlySet<string>): ApiError {
    const rest = new ApiError({ ...this.problem, errors: this.problem.errors?.filter((error) => !fields.has(error.field)) });
    rest.submission = this.submission;
    return rest;
  }
}

export const API_BASE = '/api/v1';

let csrfToken = '';
const unauthorizedListeners = new Set<() => void>();

/** Set by the session provider from every session answer. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a signed-in request answers 401, e.g. after the session timed out. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return { type: body.type ?? 'about:blank', title: body.title ?? response.statusText, ...body, status: response.status };
    } catch {
      // Fall through to a generic problem when the body is not JSON after all.
    }
  }
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
}

async function request<T>(method: string, path: string, body?: unknown, answer: 'json' | 'blob' = 'json'): Promise<T> {
  // Problem documents come back in the language of the page.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  const isForm = body instanceof FormData;
  // A multipart form sets its own Content-Type with the boundary.
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: 'network', title: 'Network error', status: 0, detail: 'The server could not be reached. Check the connection and try again.' });
  }
  if (!response.ok) {
    const problem = await toProblem(response);
    if (response.status === 401 && !path.startsWith('/auth/')) unauthorizedListeners.forEach((listener) => listener());
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  if (answer === 'blob') return (await response.blob()) as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Posts a multipart form (a file upload); problems become ApiError like every other call. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  /** Posts a multipart form and answers the file the server sends back (a report made from the upload). */
  uploadForFile: (path: string, form: FormData) => request<Blob>('POST', path, form, 'blob'),
};

/** A link to a server file (CSV export, attachment) that the browser downloads with the session cookie. */
export function downloadUrl(path: string): string {
  return `${API_BASE}${path}`;
}
