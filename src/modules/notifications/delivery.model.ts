import { Schema, model, type InferSchemaType } from 'mongoose';

export const DELIVERY_STATES = ['submitting', 'failed', 'unknown', 'released', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * The delivery ledger: the right to email one notice, one row per attempt ("generation").
 * `_id` is `<notificationId>#<gen>`; a sender may talk to SMTP for generation `gen` only after
 * INSERTING that row, and the unique `_id` lets exactly one insert win however many processes race
 * (FerretDB's findAndModify and conditional updates are not atomic across connections; a unique
 * insert is). A row is inserted as `submitting`; only its owner moves it on (`failed` after a
 * certain refusal, which frees the next generation). A `submitting` row whose lease lapsed may have
 * reached SMTP: it becomes `unknown` and blocks further sends until an admin `released` it.
 * Success is recorded on the notice itself (email.status = sent). See the module README.
 * Pruned by `notifications:prune-delivered` (no TTL indexes on FerretDB).
 */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    notification: { type: Schema.Types.ObjectId, ref: 'Notification', required: true },
    gen: { type: Number, required: true },
    // Random per attempt: only the owner moves its row on.
    owner: { type: String, required: true },
    state: { type: String, enum: DELIVERY_STATES, required: true },
    leaseUntil: { type: Date, required: true },
    error: { type: String, maxlength: 500 },
    messageId: { type: String, maxlength: 300 },
  },
  { timestamps: true, versionKey: false },
);

export type DeliveryDoc = InferSchemaType<typeof deliverySchema>;
export const Delivery = model('Delivery', deliverySchema);
