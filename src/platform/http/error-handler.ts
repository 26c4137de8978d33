import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { ZodError } from 'zod';
import { AppError, NotFoundError } from '../errors';
import { createI18n, formatters } from '../i18n';

const STATUS: Record<AppError['kind'], number> = {
  not_found: 404,
  forbidden: 403,
  validation: 422,
  conflict: 409,
  unauthenticated: 401,
  rate_limited: 429,
};

/** Anything no route answered. */
export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

interface HttpishError {
  status?: number;
  statusCode?: number;
  code?: string;
  type?: string;
}

/** Driver errors that mean "the database does not answer", not "this request is wrong". */
const UNAVAILABLE = new Set([
  'MongoServerSelectionError', 'MongooseServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError',
  'MongoNotConnectedError', 'MongoTopologyClosedError', 'MongoPoolClearedError', 'MongoServerClosedError', 'MongoOperationTimeoutError',
]);

/** True when the error (or its cause) says the database is unreachable: the answer is 503, try again later. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { name?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as typeof e) {
    if (typeof e.name === 'string' && UNAVAILABLE.has(e.name)) return true;
    // mongoose queues commands while disconnected and gives up after bufferTimeoutMS.
    if (e.name === 'MongooseError' && typeof e.message === 'string' && /buffering timed out|not connected/i.test(e.message)) return true;
  }
  return false;
}

/** Status and a translation key for what the visitor sees: never a stack, a secret or database text. */
function classify(err: unknown): { status: number; key: string } {
  if (err instanceof AppError) return { status: STATUS[err.kind], key: `errors:${err.code}` };
  if (isDatabaseUnavailable(err)) return { status: 503, key: 'errors:unavailable' };
  // A malformed id in a URL is a page that does not exist.
  if (err instanceof mongoose.Error.CastError) return { status: 404, key: 'errors:not_found' };
  // Zod parses only request input here (a query string or a toggle form): a schema that throws is bad input.
  if (err instanceof ZodError) return { status: 400, key: 'errors:bad_request' };
  const e = (err ?? {}) as HttpishError;
  if (e.code === 'EBADCSRFTOKEN') return { status: 403, key: 'errors:csrf' };
  if (e.type === 'entity.too.large') return { status: 413, key: 'errors:too_large' };
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, key: 'errors:bad_request' };
  return { status: 500, key: 'errors:server' };
}

/** The one place errors become responses: an HTML page in the visitor's language, or JSON for API callers. */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  const { status, key } = classify(err);
  if (status === 503) req.log?.warn({ err: (err as Error)?.message }, 'database unavailable');
  else if (status >= 500) req.log?.error({ err }, 'request failed');
  else req.log?.debug({ err: (err as Error)?.message, status }, 'request refused');
  res.status(status);
  if (status === 503) res.setHeader('Retry-After', '10');
  // An error before the page locals were set (the session store is the first to reach the
  // database): the page still renders, in Indonesian, as for a visitor.
  if (typeof res.locals.t !== 'function') Object.assign(res.locals, visitorLocals(req.path));
  if (req.accepts(['html', 'json']) === 'json') {
    res.json({ error: key.replace(/^errors:/, ''), requestId: req.id });
    return;
  }
  const params = err instanceof AppError ? err.params : {};
  res.render('errors/error', { status, messageKey: key, messageParams: params, requestId: req.id }, (renderErr, html) => {
    if (renderErr) {
      req.log?.error({ err: renderErr }, 'error page failed to render');
      res.type('text/plain').send(`Error ${status}`);
      return;
    }
    res.send(html);
  });
};

let fallbackI18n: ReturnType<typeof createI18n> | undefined;

function visitorLocals(currentPath: string): Record<string, unknown> {
  fallbackI18n ??= createI18n();
  return {
    lng: 'id', t: fallbackI18n.getFixedT('id'), fmt: formatters('id'), currentUser: null, nav: [], languageLinks: [],
    flash: [], csrfToken: '', currentPath, errors: {}, values: {}, unread: 0,
  };
}
