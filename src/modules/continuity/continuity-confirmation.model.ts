import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PROCESSES } from './processes';

/**
 * The six-monthly confirmation (ISO 9606-1 §9.2): for one workshop, the employer confirms in one step
 * that the listed welders worked within the range of their qualification. Each welder × process it
 * covers is also a ContinuityEntry with `confirmation` pointing here, so the continuity rule reads
 * one log. `submission` is the form's one-time token: a second submit of the same form hits the
 * unique index instead of confirming twice.
 */
const continuityConfirmationSchema = new Schema(
  {
    workshop: { type: Schema.Types.ObjectId, ref: 'Workshop', required: true },
    confirmedAt: { type: Date, required: true }, // the WIB day confirmed, stored as midnight WIB
    confirmedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    processes: [{ type: String, enum: PROCESSES }],
    workers: [{ type: Schema.Types.ObjectId, ref: 'Worker' }],
    evidence: { type: String, trim: true, maxlength: 300 },
    supervisor: { type: String, trim: true, maxlength: 120 },
    submission: { type: String, required: true, maxlength: 64 },
  },
  { timestamps: true },
);
continuityConfirmationSchema.index({ submission: 1 }, { unique: true });
continuityConfirmationSchema.index({ workshop: 1, confirmedAt: -1 });

export type ContinuityConfirmationDoc = InferSchemaType<typeof continuityConfirmationSchema> & { _id: Types.ObjectId };
export const ContinuityConfirmation = model('ContinuityConfirmation', continuityConfirmationSchema);
