import type { Response } from 'express';
import { ValidationError } from '../errors';

/**
 * Which of a page's several forms was posted: each form of such a page carries a hidden `_form`
 * field naming it, so the re-rendered page opens and marks that form only. Null when absent or odd.
 */
export function postedForm(values: Record<string, unknown>): string | null {
  const name = values._form;
  return typeof name === 'string' && /^[\w-]{1,80}$/.test(name) ? name : null;
}

/** What one named form of a page shows: open or not, and its errors and submitted values. */
export interface FormScope {
  failed: boolean;
  errors: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * A view's per-form view of the page's errors (`formScope('cancel', locals)` in a template): only the
 * form that failed gets the errors and submitted values, so the others stay closed and empty.
 */
export function formScope(name: string, page: { failedForm?: string | null; errors?: Record<string, string>; values?: Record<string, unknown> }): FormScope {
  const failed = page.failedForm === name;
  return { failed, errors: failed ? (page.errors ?? {}) : {}, values: failed ? (page.values ?? {}) : {} };
}

/**
 * Runs a form's work; on ValidationError re-renders the form with 422, the submitted values, a
 * message per field and `failedForm` (see postedForm). Values never include passwords or the CSRF token.
 */
export async function handleForm(
  res: Response,
  view: string,
  locals: Record<string, unknown>,
  values: Record<string, unknown>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    res.status(422).render(view, { ...locals, errors: err.fields, values: safeValues(values), failedForm: postedForm(values) });
  }
}

/** Submitted values fit to echo back into a form. */
export function safeValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password|confirm|current|_csrf/i.test(k)));
}
