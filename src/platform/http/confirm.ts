import type { Request, Response } from 'express';

/** A sentence of the confirmation page: a translation key and its values (real names and numbers). */
export interface ConfirmLine {
  key: string;
  params?: Record<string, string | number>;
}

/** What a confirmation page says, built by the action's controller from its service's preview. */
export interface ConfirmPrompt {
  /** Heading (translation key). */
  title: ConfirmLine;
  /** Said first and marked, e.g. that the class is already running. */
  warnings?: ConfirmLine[];
  /** What will happen if confirmed. */
  effects: ConfirmLine[];
  /** Plain-text list under the effects (names of people, with their processes). */
  items?: string[];
  /** The same action the first click posted to: the confirmed form posts there again. */
  action: string;
  /** Where "no, go back" leads. */
  back: string;
  /** Label of the confirming button (translation key). */
  submit: string;
  danger?: boolean;
}

/** The field only the confirmation page's form carries; an action runs only with it. */
export const CONFIRM_FIELD = 'confirm';
const CONFIRM_VALUE = 'yes';
const MAX_CARRIED = 1000;

export function isConfirmed(req: Request): boolean {
  return (req.body as Record<string, unknown> | undefined)?.[CONFIRM_FIELD] === CONFIRM_VALUE;
}

/**
 * Destructive and mass actions ask first, without JavaScript: a POST without the confirmation
 * page's marker changes nothing and renders that page (what will happen, from the service's
 * preview), whose form posts the same fields again with the marker and a fresh CSRF token.
 * Returns true when the request is the confirmed one and the action may run; false when the page
 * was rendered. A stale form or a hand-made POST that skips the step lands on the page too.
 */
export async function askFirst(req: Request, res: Response, prompt: () => Promise<ConfirmPrompt> | ConfirmPrompt): Promise<boolean> {
  if (isConfirmed(req)) return true;
  const page = await prompt();
  const locals = { prompt: page, carried: carriedFields(req.body), confirmField: CONFIRM_FIELD, confirmValue: CONFIRM_VALUE };
  // Rendered to a string first: Express sends a rendered view on the next tick, and callers test
  // res.headersSent right after this returns.
  const html = await new Promise<string>((resolve, reject) => res.render('confirm', locals, (err, out) => (err ? reject(err) : resolve(out))));
  res.send(html);
  return false;
}

/** The submitted fields, to send again from the confirmation page: text only, never the CSRF token. */
export function carriedFields(body: unknown): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  if (!body || typeof body !== 'object') return out;
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf' || name === CONFIRM_FIELD) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value === 'string' && out.length < MAX_CARRIED) out.push({ name, value });
    }
  }
  return out;
}
