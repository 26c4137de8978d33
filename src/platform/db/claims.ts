import { setTimeout as sleep } from 'node:timers/promises';
import { Schema, model } from 'mongoose';
import { ConflictError, isDuplicateKeyError } from '../errors';

/**
 * One-time actions. On FerretDB only an insert under a unique index is atomic: conditional updates,
 * `$inc`, findOneAndUpdate and upserts are a read-modify-write in the server, so two parallel
 * requests can both pass them. Whoever inserts `{_id: key}` here first may do the action; everyone
 * else gets a duplicate-key error. Keys say what they guard: `form:<kind>:<token>`, `revoke:<id>`…
 * `result` is what the first one made (e.g. the new record's id), for the others to point to.
 */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true, maxlength: 200 },
    at: { type: Date, required: true },
    result: { type: String, maxlength: 200 },
  },
  { versionKey: false },
);
export const Claim = model('Claim', claimSchema);

/** Takes the key; true for the first caller only, on every backend. */
export async function claimOnce(key: string): Promise<boolean> {
  try {
    await Claim.create({ _id: key, at: new Date() });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** Gives a key back after the action it guarded failed, so it may be tried again. */
export async function releaseClaim(key: string): Promise<void> {
  await Claim.deleteOne({ _id: key });
}

/** Refused because the same one-time action was already done; `result` names what it made, if known. */
export class AlreadyDoneError extends ConflictError {
  constructor(
    code: string,
    readonly result?: string,
  ) {
    super(code);
  }
}

export type OnceOutcome = { first: true; result: string } | { first: false; result: string | undefined };

/** How long a repeated request waits for the first one to finish, so it can answer with its result. */
const WAIT_MS = 8000;
const POLL_MS = 40;
/** A claim without a result this old was left by a process that stopped mid-action: it may be taken over. */
export const ABANDONED_MS = 60_000;

/**
 * Runs `work` once per key. The first caller runs it and records its result; a failure gives the
 * key back (the action did not happen). Later callers wait until the first one has finished and get
 * its result (`first: false`); if the first one failed, the next caller takes the key and runs.
 */
export async function runOnce(key: string, work: () => Promise<string>): Promise<OnceOutcome> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimOnce(key)) {
      let result: string;
      try {
        result = await work();
      } catch (err) {
        await releaseClaim(key);
        throw err;
      }
      // Only the claim's holder writes its result, so a plain update by `_id` is safe here.
      await Claim.updateOne({ _id: key }, { $set: { result } });
      return { first: true, result };
    }
    for (;;) {
      const held = await Claim.findById(key, { at: 1, result: 1 }).lean();
      if (!held) break;
      if (held.result == null && Date.now() - held.at.getTime() > ABANDONED_MS) {
        // Exactly one waiter wins the takeover (itself a unique insert) and frees the key.
        if (await claimOnce(`${key}~${held.at.getTime()}`)) await releaseClaim(key);
        break;
      }
      if (held.result != null || Date.now() > deadline) return { first: false, result: held.result ?? undefined };
      await sleep(POLL_MS);
    }
  }
}
