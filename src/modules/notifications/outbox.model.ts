import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * The email outbox: one row per notice whose email is still to be tried, `_id` = the notice's id.
 * Only what is pending lives here (a row is deleted once its notice is settled), so the drain's
 * read of the whole collection stays small however many notices are stored — on FerretDB every
 * filter other than `{_id}` decodes the whole collection, and `notifications` only grows.
 * `dueAt` is wall time (like Agenda's `nextRunAt`): the first try, or the next retry after
 * `failures` failed attempts. Who may send is still decided by the delivery ledger alone.
 */
const outboxSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    dueAt: { type: Date, required: true },
    // Failed attempts in this retry budget (an admin's "Send again" starts a new budget).
    failures: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false, collection: 'notificationOutbox' },
);

export type OutboxDoc = InferSchemaType<typeof outboxSchema>;
export const OutboxEntry = model('NotificationOutbox', outboxSchema);
