import type { Request } from 'express';
import type { SessionData } from 'express-session';

type Flash = NonNullable<SessionData['flash']>[number];

/**
 * A one-time message for the next page (post/redirect/get). `key` is a translation key; `link` adds a
 * link after it (a local path, its text a translation key given the same params). A `count` must be a
 * number: i18next picks the `_one`/`_other` form only for numbers.
 */
export function flash(req: Request, type: Flash['type'], key: string, params?: Record<string, string | number>, link?: Flash['link']): void {
  if (!req.session) return;
  (req.session.flash ??= []).push({ type, key, params, ...(link ? { link } : {}) });
}

export function takeFlash(req: Request): Flash[] {
  const messages = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  return messages;
}
