/**
 * Domain errors: a stable `code` (a translation key under `errors:`) and a `kind` the HTTP layer maps
 * to a status. Services throw these; they never know about HTTP.
 */
export type ErrorKind = 'not_found' | 'forbidden' | 'validation' | 'conflict' | 'unauthenticated' | 'rate_limited';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(code = 'not_found', params?: Record<string, unknown>) {
    super('not_found', code, params);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'forbidden', params?: Record<string, unknown>) {
    super('forbidden', code, params);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, params?: Record<string, unknown>) {
    super('conflict', code, params);
  }
}

/** Field-level problems: `fields` maps a form field to a translation key. */
export class ValidationError extends AppError {
  constructor(
    readonly fields: Record<string, string>,
    code = 'validation',
    params: Record<string, unknown> = {},
  ) {
    super('validation', code, params);
  }
}

/** True for a duplicate-key error, the backstop of every uniqueness rule. */
export function isDuplicateKeyError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown };
  if (e.code === 11000) return true;
  // FerretDB v1.24 on SQLite reports an *update* that breaks a unique index as InternalError (code 1).
  return e.code === 1 && typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed');
}
