import type { Response } from 'express';
import { ValidationError } from '../errors';

/**
 * Runs a form's work; on ValidationError re-renders the form with 422, the submitted values and a
 * message per field (values never include passwords or the CSRF token).
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
    const safe = Object.fromEntries(
      Object.entries(values).filter(([k]) => !/password|confirm|current|_csrf/i.test(k)),
    );
    res.status(422).render(view, { ...locals, errors: err.fields, values: safe });
  }
}
