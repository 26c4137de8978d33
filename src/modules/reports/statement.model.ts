import { Schema, model } from 'mongoose';
import { isDuplicateKeyError } from '../../platform/errors';

/** The printed number of an issued capability statement: TKR/PK/<year>/<sequence>. */
export const STATEMENT_NUMBER_PATTERN = /^TKR\/PK\/\d{4}\/\d{6}$/;

export function formatStatementNumber(year: number, seq: number): string {
  return `TKR/PK/${year}/${String(seq).padStart(6, '0')}`;
}

/**
 * Every statement number ever handed out, keyed by the number itself (`_id`, unique on every
 * backend). As with certificate numbers (certificates/numbering.ts), a number is taken by inserting
 * it: the insert wins or fails as a duplicate, so concurrent issues never share a number —
 * FerretDB's findAndModify/upsert is not atomic, a counter incremented with it would be.
 */
const numberSchema = new Schema(
  {
    _id: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
numberSchema.index({ year: 1, seq: -1 });
export const StatementNumber = model('StatementNumber', numberSchema, 'statement_numbers');

/**
 * An issued statement as it was issued, keyed by its random verification code (`_id`: the public
 * page reads it by `_id`, the only lookup FerretDB serves from an index). Flat arrays of plain
 * sub-documents only (FerretDB has no nested arrays); the page regroups them (`groupItems`).
 * Never updated: what a buyer was given is what the page shows.
 */
const itemSchema = new Schema(
  {
    certificate: { type: Schema.Types.ObjectId, required: true },
    holderName: { type: String, required: true },
    number: { type: String, required: true },
    verifyCode: { type: String, required: true },
    schemeName: { type: String, required: true },
    schemeNameEn: { type: String, default: '' },
    kkniLevel: { type: Number, required: true },
    issuingBody: { type: String, default: '' },
    trade: { type: String, required: true },
    process: { type: String, default: null },
    issueDate: { type: String, required: true },
    validUntil: { type: String, default: null },
    status: { type: String, required: true },
  },
  { _id: false },
);
const statementSchema = new Schema(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true },
    workshop: { type: Schema.Types.ObjectId, ref: 'Workshop', required: true },
    issuedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    issuedAt: { type: Date, required: true },
    company: {
      name: { type: String, required: true },
      unit: { type: String, default: '' },
      products: { type: String, default: '' },
      phone: { type: String, default: '' },
      email: { type: String, default: '' },
      contact: { type: String, default: '' },
      signatoryName: { type: String, default: '' },
      signatoryTitle: { type: String, default: '' },
    },
    workers: { type: Number, required: true },
    certifiedWorkers: { type: Number, required: true },
    items: [itemSchema],
  },
  { versionKey: false },
);
statementSchema.index({ number: 1 }, { unique: true });
export const IssuedStatement = model('IssuedStatement', statementSchema, 'capability_statements');

const MAX_ATTEMPTS = 200;

async function highestSeq(year: number): Promise<number> {
  const last = await StatementNumber.findOne({ year }, { seq: 1 }).sort({ seq: -1 }).lean();
  return last?.seq ?? 0;
}

/** Takes the next free statement number of the year: one above the highest, on a duplicate the next one up. */
export async function allocateStatementNumber(year: number, at: Date): Promise<string> {
  let seq = (await highestSeq(year)) + 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const number = formatStatementNumber(year, seq);
    try {
      await StatementNumber.create({ _id: number, year, seq, at });
      return number;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      seq = Math.max(seq + 1, (await highestSeq(year)) + 1);
    }
  }
  throw new Error(`No statement number found for ${year} after ${MAX_ATTEMPTS} attempts`);
}
