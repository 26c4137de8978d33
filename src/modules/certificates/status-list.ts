import { randomBytes, randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Schema, model, trusted, type Types } from 'mongoose';
import { isDuplicateKeyError } from '../../platform/errors';
import { Certificate } from './certificate.model';

/**
 * W3C Bitstring Status List v1.0 (revocation): each certificate's credential names one bit of a
 * published list. 131,072 bits per list (16 KB, the spec's minimum for herd privacy); indexes are
 * drawn at random, so a bit's position says nothing about when or in what order a certificate was
 * issued.
 */
export const STATUS_LIST_BITS = 131_072;
/** A list is treated as full after this many collisions in a row; the next list is tried then. */
const ATTEMPTS_PER_LIST = 8;
const MAX_LISTS = 1000;

/**
 * Taken bits, keyed `<list>:<index>`. A bit is taken by inserting here: on FerretDB only an insert
 * under a unique `_id` is atomic (conditional updates and `$inc` are not), so two certificates can
 * never get the same bit. `certificate` says whose bit it is: the list is built from these.
 */
const slotSchema = new Schema(
  {
    _id: { type: String, required: true },
    list: { type: Number, required: true },
    index: { type: Number, required: true },
    certificate: { type: Schema.Types.ObjectId, ref: 'Certificate', required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'status_list_slots' },
);
export const StatusListSlot = model('StatusListSlot', slotSchema);

/** A certificate's bit, keyed by the certificate's id (read by `_id`: indexed on FerretDB). */
const entrySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    list: { type: Number, required: true },
    index: { type: Number, required: true },
  },
  { versionKey: false, collection: 'status_list_entries' },
);
export const StatusListEntry = model('StatusListEntry', entrySchema);

/** Changes whenever a certificate is revoked: processes compare it (one read by `_id`) before rebuilding a list. */
const versionSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'status_list_versions' },
);
export const StatusListVersion = model('StatusListVersion', versionSchema);
const REVOCATIONS = 'revocations';

export interface StatusEntry {
  list: number;
  index: number;
}

async function takeSlot(certificate: Types.ObjectId, now: Date, bits: number): Promise<StatusEntry> {
  for (let list = 1; list <= MAX_LISTS; list++) {
    for (let attempt = 0; attempt < ATTEMPTS_PER_LIST; attempt++) {
      const index = randomInt(bits);
      try {
        await StatusListSlot.create({ _id: `${list}:${index}`, list, index, certificate, at: now });
        return { list, index };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  }
  throw new Error(`No free status list bit after ${MAX_LISTS} lists`);
}

/**
 * The certificate's bit, taken on first use. Two parallel first uses may each take a slot; only one
 * entry is kept (insert under the certificate's `_id`) and both answer with it. The loser's slot
 * stays taken and names the same certificate, so its bit is still right, just never read. `bits`:
 * the list size (tests make lists small to force collisions).
 */
export async function statusEntryOf(certificate: Types.ObjectId, now: Date, bits = STATUS_LIST_BITS): Promise<StatusEntry> {
  const found = await StatusListEntry.findById(certificate).lean();
  if (found) return { list: found.list, index: found.index };
  const slot = await takeSlot(certificate, now, bits);
  try {
    await StatusListEntry.create({ _id: certificate, ...slot });
    return slot;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const winner = await StatusListEntry.findById(certificate).lean();
    if (!winner) throw err;
    return { list: winner.list, index: winner.index };
  }
}

/** Called after a revocation is saved: a new version makes every process rebuild its lists. */
export async function markRevocationsChanged(now: Date): Promise<void> {
  const $set = { version: randomBytes(9).toString('base64url'), at: now };
  try {
    await StatusListVersion.updateOne({ _id: REVOCATIONS }, { $set }, { upsert: true });
  } catch (err) {
    // A parallel first upsert inserted the document; a plain set still writes our version after it.
    if (!isDuplicateKeyError(err)) throw err;
    await StatusListVersion.updateOne({ _id: REVOCATIONS }, { $set });
  }
}

export async function revocationsVersion(): Promise<string> {
  return (await StatusListVersion.findById(REVOCATIONS, { version: 1 }).lean())?.version ?? '';
}

/**
 * The list's bits from the certificates' revocation state, as it is now: two scans on FerretDB (slots
 * of the list, revoked certificates), so callers cache the result per revocations version. Null for
 * a list that does not exist.
 */
export async function revokedIndexes(list: number): Promise<number[] | null> {
  const [slots, revoked] = await Promise.all([
    StatusListSlot.find({ list }, { index: 1, certificate: 1 }).lean(),
    Certificate.find({ revokedAt: trusted({ $exists: true }) }, { _id: 1 }).lean(),
  ]);
  // List 1 always exists (it may be empty); a later one once a bit of it is taken.
  if (list > 1 && slots.length === 0) return null;
  const ids = new Set(revoked.map((c) => String(c._id)));
  return slots.filter((s) => ids.has(String(s.certificate))).map((s) => s.index);
}

/** `encodedList`: multibase base64url ("u" prefix, no padding) of the gzipped bitstring; index 0 is the left-most bit. */
export function encodeList(setIndexes: readonly number[], bits = STATUS_LIST_BITS): string {
  const bytes = Buffer.alloc(bits / 8);
  for (const i of setIndexes) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return `u${gzipSync(bytes).toString('base64url')}`;
}
