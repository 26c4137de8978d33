import { Schema, model, type Types } from 'mongoose';
import { isDuplicateKeyError } from '../../platform/errors';
import type { Trade } from '../catalogue';
import { Certificate } from './certificate.model';

/** The trade part of a certificate number: TKR/<year>/<code>/<sequence>. */
export const TRADE_CODES: Record<Trade, string> = {
  welding: 'LAS',
  machining: 'MSN',
  casting: 'COR',
  sheet_metal: 'PLT',
  qc: 'MTU',
  assembly: 'RKT',
  safety: 'K3',
};

export const NUMBER_PATTERN = /^TKR\/\d{4}\/[A-Z0-9]{2,4}\/\d{6}$/;

export function formatNumber(year: number, trade: Trade, seq: number): string {
  return `TKR/${year}/${TRADE_CODES[trade]}/${String(seq).padStart(6, '0')}`;
}

/**
 * Every number ever handed out, keyed by the number itself (`_id`, unique on every backend). A
 * number is taken by inserting it here: the insert either wins or fails as a duplicate, so two
 * concurrent issues never get the same number — FerretDB's findAndModify is not atomic, a counter
 * document incremented with it would be. A number stays here even if the certificate that was to
 * carry it then fails to save: numbers are never reused.
 */
const numberSchema = new Schema(
  {
    _id: { type: String, required: true },
    year: { type: Number, required: true },
    code: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    // The certificate that carries the number, set once it is saved: verification by number reads
    // this by `_id` (the only lookup FerretDB serves from an index) instead of scanning certificates.
    certificate: { type: Schema.Types.ObjectId, ref: 'Certificate' },
  },
  { versionKey: false },
);
numberSchema.index({ year: 1, code: 1, seq: -1 });
export const CertificateNumber = model('CertificateNumber', numberSchema);

const MAX_ATTEMPTS = 200;

async function highestSeq(year: number, code: string): Promise<number> {
  const last = await CertificateNumber.findOne({ year, code }, { seq: 1 }).sort({ seq: -1 }).lean();
  return last?.seq ?? 0;
}

/**
 * Takes the next free number of the year and trade: one above the highest taken, and on a
 * duplicate (someone else took it meanwhile) the next one up, re-reading the highest.
 */
export async function allocateNumber(year: number, trade: Trade, at: Date): Promise<string> {
  const code = TRADE_CODES[trade];
  let seq = (await highestSeq(year, code)) + 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const number = formatNumber(year, trade, seq);
    try {
      await CertificateNumber.create({ _id: number, year, code, seq, at });
      return number;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      seq = Math.max(seq + 1, (await highestSeq(year, code)) + 1);
    }
  }
  throw new Error(`No certificate number found for ${year}/${code} after ${MAX_ATTEMPTS} attempts`);
}

/** Records which certificate carries a number (a write filtered by `_id` alone: indexed on FerretDB). */
export async function linkNumber(number: string, certificate: Types.ObjectId): Promise<void> {
  await CertificateNumber.updateOne({ _id: number }, { $set: { certificate } });
}

/**
 * The id of the certificate carrying a number, or null. A number taken before numbers were linked
 * is found once by a scan of certificates and linked then.
 */
export async function certificateOfNumber(number: string): Promise<Types.ObjectId | null> {
  const taken = await CertificateNumber.findById(number, { certificate: 1 }).lean();
  if (!taken) return null;
  if (taken.certificate) return taken.certificate;
  const c = await Certificate.findOne({ number }, { _id: 1 }).lean();
  if (c) await linkNumber(number, c._id);
  return c?._id ?? null;
}
