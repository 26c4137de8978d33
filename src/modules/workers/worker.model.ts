import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from '../catalogue/trades';

/**
 * A worker of a workshop: the person trained and certified. A login account (User with the
 * `worker` role) is created on demand and linked by `user`; it works with the phone number when
 * there is no email. NIK (national ID number) is optional personal data: only coordinators and
 * admins see it.
 */
const workerSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    phone: { type: String, trim: true, maxlength: 20 }, // E.164, +62…
    email: { type: String, trim: true, lowercase: true, maxlength: 254 },
    workshop: { type: Schema.Types.ObjectId, ref: 'Workshop', required: true },
    trades: [{ type: String, enum: TRADES }],
    position: { type: String, trim: true, maxlength: 120 }, // job title, e.g. "Juru las SMAW 3G"
    joinedAt: { type: Date },
    nik: { type: String, trim: true, match: /^\d{16}$/ },
    user: { type: Schema.Types.ObjectId, ref: 'User' },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
workerSchema.index({ phone: 1 }, { unique: true, sparse: true });
workerSchema.index({ nik: 1 }, { unique: true, sparse: true });
workerSchema.index({ user: 1 }, { unique: true, sparse: true });

export type WorkerDoc = InferSchemaType<typeof workerSchema> & { _id: Types.ObjectId };
export const Worker = model('Worker', workerSchema);
