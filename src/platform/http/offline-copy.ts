import type { RequestHandler } from 'express';
import type { Clock } from '../clock';

/** The response header by which the server lets the service worker keep a page for offline use. */
export const OFFLINE_COPY_HEADER = 'X-Offline-Copy';

/**
 * Marks a page as one the service worker may keep for offline use (public/js/service-worker.js
 * keeps nothing else), and only for a signed-in worker: another role's page on the same route (an
 * instructor's /my/schedule) is never kept. The header's value names the owner, so the worker's
 * copies are dropped when another account's copy arrives on the same device. `res.locals.offlineCopy`
 * carries the time of this copy for the "last updated" line (views/partials/offline-mark.ejs).
 * The page stays `Cache-Control: no-store`: that keeps it out of the HTTP cache and proxies, which
 * logout cannot empty; the service worker's cache is the one explicit store, emptied at logout.
 */
export function offlineCopy(clock: Clock): RequestHandler {
  return (req, res, next) => {
    if (req.user && req.user.roles.includes('worker')) {
      res.setHeader(OFFLINE_COPY_HEADER, req.user.id);
      res.locals.offlineCopy = { syncedAt: clock.now() };
    }
    next();
  };
}
