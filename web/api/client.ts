import type { ErrorId } from '../../shared/errors';
import { common } from '../locales/zh-CN';

/** One field problem of a 400 answer, as the server's error handler reports it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A failed API call: the catalog id, the Chinese message to show, field problems when known, and the
 * answer's other details (e.g. which member already holds an ID number) for the caller to read.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorId | 'network',
    message: string,
    readonly fieldProblems: FieldProblem[] = [],
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}

/** What the app shell must do when a call fails for session reasons. */
export type SessionProblem = 'signed_out' | 'password_change_required';

let csrfToken: string | null = null;
const sessionListeners = new Set<(problem: SessionProblem) => void>();

/** Remembers the token every non-GET request must echo in x-csrf-token (from login or /api/me). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Subscribes the app shell to session problems (expired session, forced password change). */
export function onSessionProblem(listener: (problem: SessionProblem) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/**
 * Builds a path with a query string, leaving out empty values so the server applies its defaults.
 * Takes any object because the query types come from zod inputs, where coerced numbers are `unknown`.
 */
export function withQuery(path: string, query?: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const isScalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (isScalar && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isFieldProblems(value: unknown): value is FieldProblem[] {
  return (
    Array.isArray(value) &&
    value.every(
      (v) => typeof v === 'object' && v !== null && typeof v.field === 'string' && typeof v.message === 'string',
    )
  );
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (body && typeof body === 'object' && 'error' in body && 'message' in body) {
    const { error, message, details } = body as { error: ErrorId; message: string; details?: unknown };
    return new ApiError(res.status, error, message, isFieldProblems(details) ? details : [], details);
  }
  return new ApiError(res.status, 'common/internal', common.serverUnavailable);
}

function notifySessionProblem(error: ApiError) {
  const problem: SessionProblem | null =
    error.code === 'auth/unauthenticated' || error.code === 'auth/session_expired'
      ? 'signed_out'
      : error.code === 'auth/password_change_required'
        ? 'password_change_required'
        : null;
  if (problem) for (const listener of sessionListeners) listener(problem);
}

/**
 * Calls the API. A JSON body is sent only when given: routes that take no body reject an empty one
 * announced as application/json, so lock/unlock/logout send neither body nor content-type.
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', common.networkError);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    notifySessionProblem(error);
    throw error;
  }
  return (await res.json()) as T;
}

/** GET with a query string. */
export function get<T>(path: string, query?: object): Promise<T> {
  return request<T>('GET', withQuery(path, query));
}

/** Whether an error means "nothing to see here" (missing or outside the caller's scope). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * Sends a multipart form with XMLHttpRequest, which (unlike fetch) reports upload progress, and
 * answers errors exactly as `request` does.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress?: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', common.networkError));
    xhr.onload = async () => {
      const res = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': 'application/json' },
      });
      if (res.ok) return resolve((await res.json()) as T);
      const error = await toApiError(res);
      notifySessionProblem(error);
      reject(error);
    };
    xhr.send(form);
  });
}
