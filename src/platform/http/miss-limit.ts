import type { Connection } from 'mongoose';
import type { Options } from 'express-rate-limit';
import { isDuplicateKeyError } from '../errors';
import { MongoRateLimitStore, RATE_LIMIT_COLLECTION } from './rate-limit';

/**
 * A tight budget of misses (look-ups of things that do not exist) per key and fixed window, for
 * public look-ups by secret code: guessing means missing, honest use mostly hits, so only misses
 * should use the small budget.
 *
 * Why not express-rate-limit's `skipSuccessfulRequests`: it claims a slot before the request and
 * gives it back after, so a burst of honest hits holds every slot while in flight and is refused.
 * Here a miss is counted after the look-up, by claiming a slot of a MongoRateLimitStore (an insert
 * under a unique `_id`, atomic on FerretDB too): of parallel misses exactly `limit` are answered.
 * Claiming the last slot inserts a "spent" marker, read by `_id` alone (indexed on FerretDB) before
 * every look-up, so once the misses are used up nothing at all is answered until the window ends —
 * a hit no longer tells a guesser anything.
 */
export class MissLimiter {
  private readonly store: MongoRateLimitStore;

  constructor(
    private readonly connection: Connection,
    private readonly prefix: string,
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new MongoRateLimitStore(connection, prefix, now);
    this.store.init({ limit, windowMs } as Options);
  }

  private window(): number {
    return Math.floor(this.now() / this.windowMs);
  }

  private markerId(key: string, window: number): string {
    return `${this.prefix}spent:${key}:${window}`;
  }

  /** When the key's misses are used up: the end of the window; otherwise null. */
  async spentUntil(key: string): Promise<Date | null> {
    const window = this.window();
    const marker = await this.connection.collection<{ _id: string }>(RATE_LIMIT_COLLECTION).findOne({ _id: this.markerId(key, window) });
    return marker ? new Date((window + 1) * this.windowMs) : null;
  }

  /** Counts one miss. `limited`: it was over the budget and gets no answer; `resetTime`: the window's end. */
  async countMiss(key: string): Promise<{ limited: boolean; resetTime: Date }> {
    const { totalHits, resetTime: storeReset } = await this.store.increment(key);
    const resetTime = storeReset ?? new Date((this.window() + 1) * this.windowMs);
    if (totalHits >= this.limit) {
      const window = Math.floor((resetTime.getTime() - 1) / this.windowMs);
      try {
        await this.connection.collection<{ _id: string; resetAt: Date }>(RATE_LIMIT_COLLECTION).insertOne({ _id: this.markerId(key, window), resetAt: resetTime });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    return { limited: totalHits > this.limit, resetTime };
  }
}
