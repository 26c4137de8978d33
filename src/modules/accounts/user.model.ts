import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LANGUAGES } from '../../platform/i18n';

export const ROLES = ['admin', 'coordinator', 'instructor', 'manager', 'worker'] as const;
export type Role = (typeof ROLES)[number];
export const DEACTIVATED_BY = ['admin', 'worker-record'] as const;

/**
 * An account. Email and phone are both optional but at least one is required (workers often have
 * only a phone). Unique sparse indexes keep each identifier to one account; the password hash lives
 * in Credential so no user query ever carries it.
 */
const userSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    // Normalised: lower-case email, E.164 phone (+62…). Left undefined, never null, so sparse indexes skip them.
    email: { type: String, trim: true, lowercase: true, maxlength: 254 },
    phone: { type: String, trim: true, maxlength: 20 },
    roles: { type: [{ type: String, enum: ROLES }], required: true },
    workshop: { type: Schema.Types.ObjectId, ref: 'Workshop' },
    language: { type: String, enum: LANGUAGES, default: 'id' },
    // Optional emails (reminders, confirmations, digests); essential ones are always sent.
    emailOptional: { type: Boolean, default: true },
    active: { type: Boolean, default: true },
    // Who switched the login off: an admin's decision stands until an admin lifts it; the worker
    // record's switch only re-opens a login it closed itself (workers.service setActive).
    deactivatedBy: { type: String, enum: DEACTIVATED_BY },
    lastLoginAt: { type: Date },
    // Set when a one-time login code was used: no page but the new-password form until one is set.
    mustChangePassword: { type: Boolean },
    // Secret in the personal iCal feed URL; replaced (revoked) on request.
    calendarToken: { type: String },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true, sparse: true });
userSchema.index({ phone: 1 }, { unique: true, sparse: true });
userSchema.index({ calendarToken: 1 }, { unique: true, sparse: true });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const User = model('User', userSchema);
