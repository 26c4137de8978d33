import type { NextFunction, Request, Response } from 'express';
import type { i18n } from 'i18next';
import { formatters, LANGUAGES } from '../i18n';
import { csrf } from './csrf';
import { takeFlash } from './flash';
import { formScope } from './forms';
import { withLanguage } from './language';

export interface NavItem {
  href: string;
  key: string;
  /** Place in the phone's bottom bar (0 first); items without one are in the phone's menu. */
  bar?: number;
}

/**
 * The only place res.locals is filled: the signed-in user, their navigation, the CSRF token,
 * flash messages, translation and WIB date formatting in the page language.
 */
export function localsMiddleware(opts: {
  i18n: i18n;
  navFor: (roles: string[]) => NavItem[];
  /** Unread notices of the signed-in account, shown in the header. */
  unreadCount?: (user: Express.User) => Promise<number>;
}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const lng = req.lng;
    res.locals.lng = lng;
    res.locals.t = opts.i18n.getFixedT(lng);
    res.locals.fmt = formatters(lng);
    res.locals.currentUser = req.user ?? null;
    res.locals.nav = req.user ? opts.navFor(req.user.roles) : [];
    res.locals.currentPath = req.path;
    res.locals.languageLinks = LANGUAGES.map((l) => ({ lng: l, href: withLanguage(req.originalUrl, l), current: l === lng }));
    // Made only when a template prints it (EJS calls toString), so pages without a form — a public
    // certificate check, a calendar feed — never store a session for an anonymous visitor.
    res.locals.csrfToken = { toString: () => (req.session ? csrf.generateToken(req) : '') };
    res.locals.flash = takeFlash(req);
    res.locals.errors = {};
    res.locals.values = {};
    res.locals.failedForm = null;
    res.locals.formScope = formScope;
    res.locals.unread = req.user && opts.unreadCount && req.method === 'GET' ? await opts.unreadCount(req.user) : 0;
    next();
  };
}
