import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PROCESSES } from './processes';

/**
 * The welder continuity log: a worker used a process on a date, with evidence (job or WPS reference,
 * supervisor). `kind: 'test_weld'` marks a test weld (ISO 9606-1 revalidation route b needs two within
 * the last 6 months). A qualification lapses when the last use of its process is older than 6 months.
 */
const continuityEntrySchema = new Schema(
  {
    worker: { type: Schema.Types.ObjectId, ref: 'Worker', required: true },
    process: { type: String, enum: PROCESSES, required: true },
    date: { type: Date, required: true },
    kind: { type: String, enum: ['use', 'test_weld'], default: 'use' },
    evidence: { type: String, trim: true, maxlength: 300 },
    supervisor: { type: String, trim: true, maxlength: 120 },
    // Set when the entry came from a coordinator's six-monthly confirmation for a whole workshop.
    confirmation: { type: Schema.Types.ObjectId, ref: 'ContinuityConfirmation' },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
continuityEntrySchema.index({ worker: 1, process: 1, date: -1 });

export type ContinuityEntryDoc = InferSchemaType<typeof continuityEntrySchema> & { _id: Types.ObjectId };
export const ContinuityEntry = model('ContinuityEntry', continuityEntrySchema);
