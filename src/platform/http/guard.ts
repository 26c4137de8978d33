import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError } from '../errors';

/** A path on this site to go back to after login; anything else (other hosts, `//evil`) becomes `/`. */
export function safeLocalPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value.slice(0, 500);
}

function toLogin(req: Request, res: Response): void {
  const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
  res.redirect(303, `/login${next}`);
}

/**
 * Server-side authorisation for a route: anonymous visitors go to the login page; a signed-in
 * account without one of `roles` gets 403. With no roles, any signed-in account may pass.
 */
export function requireRole(...roles: string[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) return toLogin(req, res);
    if (roles.length > 0 && !roles.some((r) => req.user!.roles.includes(r))) return next(new ForbiddenError());
    next();
  };
}

export const requireLogin = requireRole();

/** For pages only anonymous visitors need (login, password reset): signed-in accounts go home. */
export const anonymousOnly: RequestHandler = (req, res, next) => {
  if (req.user) return res.redirect(303, '/');
  next();
};
