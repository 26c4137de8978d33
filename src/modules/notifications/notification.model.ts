import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * Where a notice's email stands. `pending` until a send settles it; then `sent`; `failed` after the
 * last retry (or a permanent refusal); `unknown` when a sender died while the SMTP server may have
 * taken the message (never retried automatically, see the README); `no_email`, `opted_out`,
 * `expired` and `inbox_only` when it is not emailed at all.
 */
export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'unknown', 'no_email', 'opted_out', 'expired', 'inbox_only'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
/** Nothing more happens to these without a person asking. */
export const SETTLED: readonly EmailStatus[] = EMAIL_STATUSES.filter((s) => s !== 'pending');

/**
 * A message for one person, stored first and shown in their in-app inbox, then emailed from this
 * same record through the outbox (`notifications:drain-outbox`). `key` is an idempotency key under a unique
 * index (e.g. `session-cancelled:<sessionId>:<workerId>`), so the same notice is never recorded
 * twice. Addressed to an account, or to a worker who has no account yet (their inbox shows it once
 * they do).
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
    // Not listed in the inbox: only its email matters (a password reset link).
    hidden: { type: Boolean, default: false },
    // A value only the email may carry (a reset token), sealed with a key from SESSION_SECRET and
    // erased as soon as the email is settled.
    secret: { type: String, maxlength: 500 },
    email: {
      status: { type: String, enum: EMAIL_STATUSES, default: 'inbox_only' },
      // When it was queued, by the injected clock (age and stall checks; createdAt is wall time).
      queuedAt: { type: Date },
      // Not worth sending after this instant (the class has begun, the link has expired).
      notAfter: { type: Date },
      attempts: { type: Number, default: 0 },
      // Next ledger generation to try (see deliveries); moves on after a failed attempt.
      gen: { type: Number, default: 0 },
      lastError: { type: String, maxlength: 500 },
      lastAttemptAt: { type: Date },
      // The address and language used, as they were when the email went out.
      to: { type: String, maxlength: 254 },
      language: { type: String, maxlength: 5 },
      sentAt: { type: Date },
      messageId: { type: String, maxlength: 300 },
    },
  },
  { timestamps: true },
);
notificationSchema.index({ key: 1 }, { unique: true });

export type NotificationDoc = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId };
export const Notification = model('Notification', notificationSchema);
