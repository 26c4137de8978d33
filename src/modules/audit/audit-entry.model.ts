import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * An append-only record of who did what and when, for the things auditors ask about: certificate
 * issue, renewal and revocation, continuity entries and confirmations. Never updated or deleted.
 */
const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: { type: Schema.Types.ObjectId, ref: 'User' },
    actorName: { type: String, maxlength: 120 },
    // e.g. certificate.issue, certificate.renew, certificate.revoke, continuity.log, continuity.confirm
    action: { type: String, required: true, maxlength: 60 },
    subjectType: { type: String, required: true, maxlength: 40 },
    subject: { type: Schema.Types.ObjectId, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false },
);
auditEntrySchema.index({ subject: 1, at: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & { _id: Types.ObjectId };
export const AuditEntry = model('AuditEntry', auditEntrySchema);
