import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Schema, model } from 'mongoose';
import { ConflictError, isDuplicateKeyError } from '../errors';
import { claimOnce } from './claims';

/**
 * Short leases that serialise a check-then-write (e.g. "is the room free? then book it") that no
 * unique index can express. Taking a lock is an insert under the unique `_id`, the only atomic write
 * on FerretDB. A lease bounds the damage of a process that stops while holding one: after `leaseMs`
 * the next comer takes it over. Leases run on the wall clock, not the app's injectable clock, because
 * they measure how long a request really holds them.
 */
const lockSchema = new Schema(
  {
    _id: { type: String, required: true, maxlength: 200 },
    owner: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);
export const Lock = model('Lock', lockSchema);

/** Someone else holds a lock for longer than we wait: nothing was written; try again. */
export class LockBusyError extends ConflictError {
  constructor() {
    super('busy');
  }
}

export interface LockOptions {
  /** How long a holder may keep a lock before others may take it over. */
  leaseMs?: number;
  /** How long to wait for a held lock before giving up with LockBusyError. */
  waitMs?: number;
}

async function acquire(key: string, owner: string, leaseMs: number, deadline: number): Promise<void> {
  for (;;) {
    const now = Date.now();
    try {
      await Lock.create({ _id: key, owner, until: new Date(now + leaseMs) });
      return;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    const held = await Lock.findById(key).lean();
    if (held && held.until.getTime() < now) {
      // A lapsed lease: exactly one comer wins the takeover (a unique insert) and removes it.
      if (await claimOnce(`lock-takeover:${key}:${held.owner}`)) await Lock.deleteOne({ _id: key });
      continue;
    }
    if (now > deadline) throw new LockBusyError();
    await sleep(15 + Math.floor(Math.random() * 35));
  }
}

/**
 * Runs `work` holding every lock in `keys`. Keys are taken in sorted order, so two callers needing
 * overlapping sets cannot wait for each other in a circle; all are released afterwards, also on error.
 * @throws LockBusyError when a lock stays held longer than `waitMs`
 */
export async function withLocks<T>(keys: readonly string[], work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const leaseMs = opts.leaseMs ?? 30_000;
  const deadline = Date.now() + (opts.waitMs ?? 10_000);
  const owner = randomUUID();
  const sorted = [...new Set(keys)].sort();
  const held: string[] = [];
  try {
    for (const key of sorted) {
      await acquire(key, owner, leaseMs, deadline);
      held.push(key);
    }
    return await work();
  } finally {
    // By `_id` and owner: a lock taken over after our lease lapsed is not ours to remove.
    await Promise.all(held.map((key) => Lock.deleteOne({ _id: key, owner })));
  }
}
