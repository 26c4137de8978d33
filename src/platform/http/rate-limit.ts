import type { Connection } from 'mongoose';
import { ipKeyGenerator, rateLimit, type Store, type Options, type ClientRateLimitInfo } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';
import { isDuplicateKeyError } from '../errors';

export const RATE_LIMIT_COLLECTION = 'rateLimits';

/** One claimed hit: `_id` is `<prefix><key>:<window>:<slot>`. */
interface Slot {
  _id: string;
  resetAt: Date;
}

/** What this process knows about one key in the current window; it only ever makes the limit stricter. */
interface Local {
  window: number;
  /** Where the next claim starts, so the common case is one insert. */
  next: number;
  /** Slots known to be held (claimed here, or found taken); all `limit` of them means "limited until resetAt". */
  taken: Set<number>;
  /** Slots this process claimed and not yet gave back, latest last (for `decrement`). */
  mine: number[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A rate-limit counter in MongoDB, shared by every web process (not rate-limit-mongo: it pulls in
 * mongodb 3). A fixed window `w = floor(now / windowMs)` gives a key `limit` slots; a hit claims
 * one by inserting `<prefix><key>:<w>:<k>`, and a hit that finds all of them taken is limited.
 *
 * Why this holds under any concurrency: an insert of an `_id` that exists fails with a duplicate-key
 * error, atomically, on MongoDB and on FerretDB alike (on FerretDB's SQLite backend it is the
 * table's primary key). `$inc`, `findOneAndUpdate` and upserts are read-modify-write on FerretDB,
 * so parallel requests all read the same count — the earlier `$inc` counter let 40 parallel
 * guesses through a limit of 10. Here at most `limit` inserts per key and window can succeed,
 * whatever the number of requests or processes.
 *
 * The per-process hints (next slot, slots seen taken) only save round trips: a slot freed by
 * another process is noticed in the next window at the latest, which is stricter, never looser.
 * Slot documents carry `resetAt` for the housekeeping purge (no TTL indexes on FerretDB).
 */
export class MongoRateLimitStore implements Store {
  private windowMs = 60_000;
  private limit = 5;
  private local = new Map<string, Local>();
  private lastWindow = -1;
  prefix: string;
  localKeys = false;

  constructor(
    private readonly connection: Connection,
    prefix: string,
    /** Milliseconds since the epoch; tests move it. */
    private readonly now: () => number = Date.now,
  ) {
    this.prefix = prefix;
  }

  private get collection() {
    return this.connection.collection<Slot>(RATE_LIMIT_COLLECTION);
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    // A limit computed per request cannot size a fixed set of slots.
    if (typeof options.limit !== 'number' || !Number.isInteger(options.limit) || options.limit < 1) {
      throw new Error('MongoRateLimitStore needs a fixed, positive whole-number limit');
    }
    this.limit = options.limit;
  }

  private slotId(key: string, window: number, slot: number): string {
    return `${this.prefix}${key}:${window}:${slot}`;
  }

  private resetAt(window: number): Date {
    return new Date((window + 1) * this.windowMs);
  }

  private state(key: string, window: number): Local {
    if (window !== this.lastWindow) {
      for (const [k, s] of this.local) if (s.window < window) this.local.delete(k);
      this.lastWindow = window;
    }
    let s = this.local.get(key);
    if (!s || s.window !== window) {
      s = { window, next: 1, taken: new Set(), mine: [] };
      this.local.set(key, s);
    }
    return s;
  }

  /** Counts the slots held in the current window (a scan; express-rate-limit calls it only from `getKey`). */
  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const window = Math.floor(this.now() / this.windowMs);
    const ids = Array.from({ length: this.limit }, (_, i) => this.slotId(key, window, i + 1));
    const totalHits = await this.collection.countDocuments({ _id: { $in: ids } });
    return totalHits > 0 ? { totalHits, resetTime: this.resetAt(window) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const window = Math.floor(this.now() / this.windowMs);
    const resetTime = this.resetAt(window);
    const s = this.state(key, window);
    // Slots hint..limit first, then 1..hint-1, so a slot given back by `decrement` is found again.
    for (let tries = 0; tries < this.limit && s.taken.size < this.limit; tries++) {
      let slot = s.next;
      while (s.taken.has(slot)) slot = (slot % this.limit) + 1;
      s.next = (slot % this.limit) + 1;
      s.taken.add(slot);
      try {
        await this.collection.insertOne({ _id: this.slotId(key, window, slot), resetAt: resetTime });
        s.mine.push(slot);
        return { totalHits: s.taken.size, resetTime };
      } catch (err) {
        if (!isDuplicateKeyError(err)) {
          s.taken.delete(slot);
          throw err;
        }
      }
    }
    return { totalHits: this.limit + 1, resetTime };
  }

  /**
   * Gives back one hit of this key (skipSuccessfulRequests: a successful login). express-rate-limit
   * passes only the key, so this frees the latest slot this process claimed for it; with several
   * requests in flight it may be another request's, which leaves the count right all the same.
   */
  async decrement(key: string): Promise<void> {
    const s = this.local.get(key);
    const slot = s?.mine.pop();
    if (!s || slot === undefined) return;
    await this.collection.deleteOne({ _id: this.slotId(key, s.window, slot) });
    s.taken.delete(slot);
    s.next = slot;
  }

  async resetKey(key: string): Promise<void> {
    this.local.delete(key);
    await this.collection.deleteMany({ _id: { $regex: `^${escapeRegex(this.prefix + key)}:\\d+:\\d+$` } });
  }

  async resetAll(): Promise<void> {
    this.local.clear();
    await this.collection.deleteMany({ _id: { $regex: '^' + escapeRegex(this.prefix) } });
  }
}

export async function purgeExpiredRateLimits(connection: Connection, now: Date): Promise<number> {
  const r = await connection.collection<Slot>(RATE_LIMIT_COLLECTION).deleteMany({ resetAt: { $lt: now } });
  return r.deletedCount;
}

export interface LoginLimitOptions {
  connection: Connection;
  /** Failed attempts allowed per window, per client address and per account. */
  limit: number;
  windowMs: number;
  /**
   * The per-account key of the posted login name, or null when there is none to count. It should
   * resolve the name to the account, so its email and its phone share one counter.
   */
  accountKey: (req: Request) => Promise<string | null>;
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
  // `skip` and `keyGenerator` both need the key: look the account up once per request.
  const keys = new WeakMap<Request, Promise<string | null>>();
  const accountKey = (req: Request) => {
    let key = keys.get(req);
    if (!key) keys.set(req, (key = opts.accountKey(req)));
    return key;
  };
  return [
    rateLimit({ ...common, store: new MongoRateLimitStore(opts.connection, 'login-ip:') }),
    rateLimit({
      ...common,
      store: new MongoRateLimitStore(opts.connection, 'login-account:'),
      skip: async (req) => (await accountKey(req)) === null,
      keyGenerator: async (req) => (await accountKey(req)) ?? '',
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

/**
 * A limiter per signed-in account that counts only refused requests (4xx/5xx): e.g. typed check-in
 * codes, where a class behind one workshop address must not share one budget, but one account must
 * not try codes at machine speed.
 */
export function accountFailureLimiter(connection: Connection, prefix: string, limit: number, windowMs: number, onLimited: RequestHandler): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    store: new MongoRateLimitStore(connection, prefix),
    keyGenerator: (req) => (req.user ? `user:${String(req.user.id)}` : `anon:${ipKeyGenerator(req.ip ?? '')}`),
    handler: onLimited,
  });
}
