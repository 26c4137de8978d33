import type { RequestHandler } from 'express';
import type { SessionUser } from './accounts.service';

const ALLOWED = new Set(['GET /account/password', 'POST /account/password', 'POST /logout']);

/**
 * After a login with a one-time code the account has no password of its own: every page but the
 * new-password form (and logging out) redirects there until one is set, so the code cannot serve
 * as a lasting password.
 */
export const requirePasswordChange: RequestHandler = (req, res, next) => {
  if (!(req.user as SessionUser | undefined)?.mustChangePassword || ALLOWED.has(`${req.method} ${req.path}`)) return next();
  res.redirect(303, '/account/password');
};
