// A small fetch wrapper for the Luchuang API: same-origin cookies, the CSRF header on every
// non-GET request, Accept-Language from the chosen UI language, and RFC 9457 problems
// turned into ApiError.
import { getLocale } from '../i18n/locale';
import { translate } from '../i18n';
import type { FieldError, Problem } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem) {
    const detail = problem.detail || problem.title || translate(getLocale(), 'common.unexpectedError', { status: problem.status });
    super(detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = detail;
    this.fieldErrors = problem.errors ?? [];
    this.retryAfterSeconds = problem.retryAfterSeconds;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the CSRF token of the latest /api/auth/session or /api/auth/login response. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request answers 401 (the session ended on the server). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ApiError({ ...body, status: response.status });
    } catch {
      // Fall through to the generic error below.
    }
  }
  return new ApiError({ status: response.status });
}

/** A request body sent as is (a file upload) rather than as JSON. */
class RawBody {
  constructor(readonly blob: Blob) {}
}

async function send<T>(method: string, path: string, body?: unknown, query?: Query, isRetry = false): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLocale(),
  };
  if (body instanceof RawBody) headers['Content-Type'] = 'application/octet-stream';
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : body instanceof RawBody ? body.blob : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, detail: translate(getLocale(), 'common.networkError') });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    // A stale CSRF token (for example after signing in from another tab): fetch the current
    // one and try once more.
    if (response.status === 403 && error.code === 'auth.csrf' && !isRetry) {
      const session = await send<{ csrfToken: string }>('GET', '/api/auth/session');
      setCsrfToken(session.csrfToken);
      return send<T>(method, path, body, query, true);
    }
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

/** The file name of a Content-Disposition header (RFC 6266, with the UTF-8 form preferred). */
function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      // Fall back to the plain form below.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}

/**
 * Downloads a file the API generates (Excel exports, templates, error reports) and saves it
 * under the server's file name (or `fallbackName`). Errors arrive as ApiError like any call.
 */
async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      headers: { 'Accept-Language': getLocale() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, detail: translate(getLocale(), 'common.networkError') });
  }
  if (!response.ok) {
    if (response.status === 401) onUnauthorized?.();
    throw await toApiError(response);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = dispositionFileName(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, query?: Query) => send<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, body),
  delete: <T = void>(path: string) => send<T>('DELETE', path),
  /** POSTs a file as the raw request body (application/octet-stream). */
  upload: <T>(path: string, file: Blob, query?: Query) => send<T>('POST', path, new RawBody(file), query),
  download,
};
