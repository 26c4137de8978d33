import type { Connection } from 'mongoose';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, type AugmentedRequest } from 'express-rate-limit';
import { MissLimiter } from '../../platform/http/miss-limit';
import { addressLimiter } from '../../platform/http/rate-limit';

/**
 * Public verification budgets per client address and 15 minutes. Look-ups of existing codes are
 * cheap and honest (a gate guard scanning a shift, an auditor behind a company NAT), so they get a
 * large budget; misses are what guessing produces, so they get a small one — and once it is spent,
 * the address gets no answers at all until the window ends.
 */
export const VERIFY_LIMITS = { lookups: 600, misses: 20, windowMs: 15 * 60 * 1000 };

/** Answers a miss: the "not registered" page, or 429 when the address has used up its misses. */
export type MissAnswer = (req: Request, res: Response, answer: () => void) => Promise<void>;

function retryAfterSeconds(resetTime: Date | undefined, windowMs: number): number {
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
}

/** 429 with `Retry-After` and a page saying in how many minutes to try again. */
function limited(req: Request, res: Response, resetTime: Date | undefined, windowMs: number): void {
  const seconds = retryAfterSeconds(resetTime, windowMs);
  res.set('Retry-After', String(seconds));
  res.status(429).render('errors/error', { status: 429, messageKey: 'certificates:verify.rate_limited', messageParams: { minutes: Math.ceil(seconds / 60) }, requestId: req.id });
}

/** Verification pages stay out of search engines: each shows a person's name and certificate. */
const noIndex: RequestHandler = (_req, res, next) => {
  res.set('X-Robots-Tag', 'noindex, nofollow');
  next();
};

/**
 * The middleware in front of every verification route (`before`: no-index, the look-up budget
 * counting every request, the spent-misses gate) and `miss`, which the controller calls instead of
 * answering "not registered" directly, so the miss is counted first.
 */
export function verifyLimits(connection: Connection, limits = VERIFY_LIMITS): { before: RequestHandler[]; miss: MissAnswer } {
  const keyOf = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const misses = new MissLimiter(connection, 'verify-miss:', limits.misses, limits.windowMs);
  const lookups = addressLimiter(connection, 'verify-ip:', limits.lookups, limits.windowMs, (req, res) =>
    limited(req, res, (req as AugmentedRequest).rateLimit?.resetTime, limits.windowMs),
  );
  const gate: RequestHandler = async (req, res, next) => {
    const until = await misses.spentUntil(keyOf(req));
    if (until) return limited(req, res, until, limits.windowMs);
    next();
  };
  const miss: MissAnswer = async (req, res, answer) => {
    const r = await misses.countMiss(keyOf(req));
    if (r.limited) limited(req, res, r.resetTime, limits.windowMs);
    else answer();
  };
  return { before: [noIndex, lookups, gate], miss };
}
