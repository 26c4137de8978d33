import type { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Parses a form body with its zod schema. Issue messages are translation keys; the first problem
 * per field is kept. Throws ValidationError (→ 422, form re-rendered) on bad input.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    // Our messages are translation keys ("validation.x" in common, or "<namespace>:x"); zod's own
    // English messages are replaced by a generic key.
    const isKey = issue.message.startsWith('validation.') || /^[a-z]+:[\w.-]+$/.test(issue.message);
    fields[field] ??= isKey ? issue.message : 'validation.invalid';
  }
  throw new ValidationError(fields);
}

/** Checkbox groups arrive as a string (one ticked), an array (several) or nothing (none). */
export function asArray(value: unknown): unknown {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Empty form fields mean "not given". */
export function emptyToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}
