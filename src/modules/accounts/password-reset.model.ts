import { Schema, model } from 'mongoose';

/**
 * A single-use password reset. `_id` is the SHA-256 of the emailed token, so a stolen database
 * does not reveal usable links and lookups use the only index FerretDB always has.
 * Expired and used records are removed by the housekeeping job (no TTL indexes on FerretDB).
 */
const passwordResetSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export const PasswordReset = model('PasswordReset', passwordResetSchema);
