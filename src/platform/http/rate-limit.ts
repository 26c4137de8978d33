import type { Connection } from 'mongoose';
import { rateLimit, type Store, type Options, type ClientRateLimitInfo } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';

export const RATE_LIMIT_COLLECTION = 'rateLimits';

interface Counter {
  _id: string;
  hits: number;
  resetAt: Date;
}

/**
 * A counter per key in MongoDB, shared by every web process. Not rate-limit-mongo: it pulls in
 * mongodb 3. On FerretDB the first hit of a window can race (upserts are not atomic there), which
 * at worst forgets one attempt; expired counters are removed by the housekeeping job.
 */
export class MongoRateLimitStore implements Store {
  private windowMs = 60_000;
  prefix: string;
  localKeys = false;

  constructor(
    private readonly connection: Connection,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  private get collection() {
    return this.connection.collection<Counter>(RATE_LIMIT_COLLECTION);
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const doc = await this.collection.findOne({ _id: this.prefix + key, resetAt: { $gt: new Date() } });
    return doc ? { totalHits: doc.hits, resetTime: doc.resetAt } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const id = this.prefix + key;
    const now = new Date();
    const doc = await this.collection.findOneAndUpdate(
      { _id: id, resetAt: { $gt: now } },
      { $inc: { hits: 1 } },
      { returnDocument: 'after' },
    );
    if (doc) return { totalHits: doc.hits, resetTime: doc.resetAt };
    const resetAt = new Date(now.getTime() + this.windowMs);
    await this.collection.replaceOne({ _id: id }, { hits: 1, resetAt }, { upsert: true });
    return { totalHits: 1, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.collection.updateOne({ _id: this.prefix + key, hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.collection.deleteOne({ _id: this.prefix + key });
  }

  async resetAll(): Promise<void> {
    await this.collection.deleteMany({ _id: { $regex: '^' + this.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') } });
  }
}

export async function purgeExpiredRateLimits(connection: Connection, now: Date): Promise<number> {
  const r = await connection.collection<Counter>(RATE_LIMIT_COLLECTION).deleteMany({ resetAt: { $lt: now } });
  return r.deletedCount;
}

export interface LoginLimitOptions {
  connection: Connection;
  /** Failed attempts allowed per window, per client address and per account. */
  limit: number;
  windowMs: number;
  /** Turns the posted login name into the per-account key (normalised, so spellings share a counter). */
  accountKey: (req: Request) => string | null;
  onLimited: RequestHandler;
}

/**
 * Two limiters for login: per client address and per account, counting only failures
 * (a successful login answers 303 and gives its hit back).
 */
export function loginLimiters(opts: LoginLimitOptions): RequestHandler[] {
  const common = {
    windowMs: opts.windowMs,
    limit: opts.limit,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: opts.onLimited,
  };
  return [
    rateLimit({ ...common, store: new MongoRateLimitStore(opts.connection, 'login-ip:') }),
    rateLimit({
      ...common,
      store: new MongoRateLimitStore(opts.connection, 'login-account:'),
      skip: (req) => opts.accountKey(req) === null,
      keyGenerator: (req) => opts.accountKey(req) ?? '',
    }),
  ];
}

/** A general limiter per client address, e.g. for password reset requests. */
export function addressLimiter(connection: Connection, prefix: string, limit: number, windowMs: number, onLimited: RequestHandler): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore(connection, prefix),
    handler: onLimited,
  });
}
