import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/errors';
import type { Delivery, DeliveryState } from './delivery.model';

/** The right to send one generation of one notice, held by whoever inserted its ledger row. */
export interface Claim {
  rowId: string;
  notification: string;
  gen: number;
  owner: string;
}

export type ClaimResult =
  | { kind: 'held'; claim: Claim }
  /** Someone else is sending it now (live lease): they finish it, or their lease lapses. */
  | { kind: 'busy' }
  /** A sender stopped while the SMTP server may have taken the message: never sent again automatically. */
  | { kind: 'uncertain' };

type Verdict = 'busy' | 'next' | 'uncertain' | 'lapsed';

/** Generations one notice may use (one per failed attempt); far above the retry budget. */
const MAX_GENERATIONS = 100;

export const rowId = (notification: string, gen: number) => `${notification}#${gen}`;

/**
 * What an existing ledger row means for someone who wanted the same generation: `submitting` with
 * a live lease → busy; with a lapsed lease → its sender stopped somewhere between claiming and
 * recording the outcome, maybe after the server took the message → uncertain; `unknown` →
 * uncertain; `failed`, `skipped` (settled without sending) or `released` → the next generation may be claimed.
 */
export function judge(row: { state: DeliveryState; leaseUntil: Date }, now: Date): Verdict {
  switch (row.state) {
    case 'submitting':
      return row.leaseUntil.getTime() > now.getTime() ? 'busy' : 'lapsed';
    case 'unknown':
      return 'uncertain';
    default:
      return 'next';
  }
}

/**
 * The delivery ledger (see delivery.model.ts). Who may send is decided by INSERTS under the unique
 * `_id` only; updates move a row only from `submitting` (by its owner, or to `unknown` once its
 * lease lapsed), which can stop a send but never start a second one.
 */
export class DeliveryLedger {
  constructor(private readonly deps: { Delivery: typeof Delivery; clock: Clock; leaseMs: number }) {}

  /** Claims the first free generation from `fromGen` on, right before talking to SMTP. */
  async claim(notification: string, fromGen: number): Promise<ClaimResult> {
    const D = this.deps.Delivery;
    for (let gen = Math.max(0, fromGen); gen < fromGen + MAX_GENERATIONS; gen++) {
      const now = this.deps.clock.now();
      const claim: Claim = { rowId: rowId(notification, gen), notification, gen, owner: randomUUID() };
      try {
        const leaseUntil = new Date(now.getTime() + this.deps.leaseMs);
        await D.create({ _id: claim.rowId, notification, gen, owner: claim.owner, state: 'submitting', leaseUntil });
        return { kind: 'held', claim };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const row = await D.findById(claim.rowId).lean();
      // Gone between the insert and the read: only pruning deletes rows, so leave it to a later run.
      if (!row) return { kind: 'busy' };
      const verdict = judge(row, now);
      if (verdict === 'next') continue;
      if (verdict === 'lapsed') {
        await D.updateOne({ _id: row._id, owner: row.owner, state: 'submitting' }, { $set: { state: 'unknown', error: 'lease lapsed while sending' } });
        return { kind: 'uncertain' };
      }
      return { kind: verdict };
    }
    throw new Error(`notice ${notification}: more than ${MAX_GENERATIONS} delivery generations`);
  }

  /** Records how the attempt ended, when it did not succeed (success is recorded on the notice). */
  async settle(claim: Claim, state: 'failed' | 'unknown' | 'skipped', error: string): Promise<void> {
    // By `_id` only (an `owner` key next to it would scan the ledger on FerretDB): the holder is
    // the only writer of a live row, and a certain failure or a skip sent nothing, so freeing the
    // next generation is right even if the lease lapsed meanwhile.
    await this.deps.Delivery.updateOne({ _id: claim.rowId }, { $set: { state, error } });
  }

  /**
   * An admin decided to send a notice again although an earlier attempt may have gone out: its
   * `unknown` rows no longer block. Returns the generation to continue from.
   */
  async release(notification: string): Promise<number> {
    const D = this.deps.Delivery;
    for (let gen = 0; ; gen++) {
      const row = await D.findById(rowId(notification, gen), { state: 1 }).lean();
      if (!row) return gen;
      if (row.state === 'unknown') await D.updateOne({ _id: row._id, state: 'unknown' }, { $set: { state: 'released' } });
    }
  }
}
