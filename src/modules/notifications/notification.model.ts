import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * A message for one person, stored first and shown in their in-app inbox; the reminders issue adds
 * email delivery from these same records. `key` is an idempotency key under a unique index
 * (e.g. `session-cancelled:<sessionId>:<workerId>`), so the same notice is never recorded twice.
 * Addressed to an account, or to a worker who has no account yet (their inbox shows it once they do).
 */
const notificationSchema = new Schema(
  {
    key: { type: String, required: true, maxlength: 200 },
    user: { type: Schema.Types.ObjectId, ref: 'User' },
    worker: { type: Schema.Types.ObjectId, ref: 'Worker' },
    kind: { type: String, required: true, maxlength: 60 },
    // Values for the message template `notifications:<kind>` (strings only: no HTML).
    params: { type: Schema.Types.Mixed, default: {} },
    link: { type: String, maxlength: 500 },
    readAt: { type: Date },
  },
  { timestamps: true },
);
notificationSchema.index({ key: 1 }, { unique: true });

export type NotificationDoc = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId };
export const Notification = model('Notification', notificationSchema);
