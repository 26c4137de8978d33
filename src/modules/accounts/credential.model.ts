import { Schema, model } from 'mongoose';

/**
 * A password hash (argon2id), keyed by the user's id. Kept apart from User so lists, sessions and
 * findOneAndUpdate on users never load it (and so no `select: false`, which FerretDB cannot project).
 */
const credentialSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    passwordHash: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const Credential = model('Credential', credentialSchema);
