import { Types } from 'mongoose';
import { NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

export const PAGE_SIZE = 25;

export function pageOf<T>(items: T[], total: number, page: number): Page<T> {
  return { items, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** User text inside a RegExp filter matches literally. */
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A URL id that is not an ObjectId names nothing: 404, not a cast error. */
export function assertObjectId(id: string): void {
  if (!Types.ObjectId.isValid(id) || !/^[a-f0-9]{24}$/i.test(id)) throw new NotFoundError();
}

/**
 * A unique index refused the write. MongoDB (and FerretDB on insert) answer E11000; FerretDB
 * v1.24 on SQLite answers an update that breaks a unique index with InternalError (code 1) and
 * SQLite's "UNIQUE constraint failed" text instead.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (isDuplicateKeyError(err)) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  return !!e && e.code === 1 && typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed');
}

/**
 * Unique indexes are the backstop of every uniqueness rule (two coordinators may save at once):
 * their refusal becomes a message on the form field.
 */
export function duplicateAs(err: unknown, field: string, key: string): unknown {
  return isUniqueViolation(err) ? new ValidationError({ [field]: key }) : err;
}
