import { Schema, model } from 'mongoose';

/**
 * The open one-time login code of an account, issued by a coordinator or admin for someone who
 * cannot use an emailed reset link. `_id` is the account id (one open code per account, read by
 * the only index FerretDB always uses); the code itself is kept only as an argon2 hash.
 * Expired codes are removed by the housekeeping job (no TTL indexes on FerretDB).
 */
const loginCodeSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    codeHash: { type: String, required: true },
    // Names this issuance: its use is claimed under this id in LoginCodeUse.
    issueId: { type: String, required: true },
    issuedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

/**
 * The use of one issued code. Claimed by inserting under the unique `_id` (the issue id): on FerretDB
 * only an insert under a unique index is atomic, so of two parallel logins with one code only one wins.
 */
const loginCodeUseSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const LoginCode = model('LoginCode', loginCodeSchema);
export const LoginCodeUse = model('LoginCodeUse', loginCodeUseSchema);
