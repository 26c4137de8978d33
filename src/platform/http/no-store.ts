import type { RequestHandler } from 'express';

/**
 * `Cache-Control: no-store` by default on every page the app renders: signed-in pages show NIK,
 * accounts and the secret calendar-feed URL, and anonymous forms carry a session's CSRF token,
 * none of which a browser or proxy may keep. Mounted after the static files (which keep their
 * max-age); a route that sets its own Cache-Control (the public iCal feed, PDFs) replaces this.
 */
export const noStoreByDefault: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
