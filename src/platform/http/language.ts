import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n';

export const LANGUAGE_COOKIE = 'lng';

/**
 * Picks the page language: `?lng=` (then remembered in a cookie and on the account), else the
 * account's language, else the cookie, else Bahasa Indonesia. Accept-Language is deliberately
 * ignored: Indonesian is the default here even on browsers set to English.
 * (i18next-http-middleware's detector cannot consult the account, so this small piece is ours.)
 */
export function languageMiddleware(opts: {
  secure: boolean;
  saveAccountLanguage: (userId: string, lng: Language) => Promise<void>;
}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const asked = req.query.lng;
    let lng: Language;
    if (isLanguage(asked)) {
      lng = asked;
      res.cookie(LANGUAGE_COOKIE, lng, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true, secure: opts.secure });
      if (req.user && req.user.language !== lng) {
        await opts.saveAccountLanguage(req.user.id, lng);
        req.user.language = lng;
      }
    } else if (req.user && isLanguage(req.user.language)) {
      lng = req.user.language;
    } else {
      const cookie = (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE];
      lng = isLanguage(cookie) ? cookie : DEFAULT_LANGUAGE;
    }
    req.lng = lng;
    res.setHeader('Content-Language', lng);
    next();
  };
}

/** The current URL with `lng` set, for the language menu. */
export function withLanguage(originalUrl: string, lng: Language): string {
  const url = new URL(originalUrl, 'http://x');
  url.searchParams.set('lng', lng);
  return url.pathname + url.search;
}
