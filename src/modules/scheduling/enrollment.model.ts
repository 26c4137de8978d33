import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const ENROLLMENT_STATUSES = ['enrolled', 'waitlisted', 'cancelled'] as const;

/**
 * A worker's place in a session: enrolled (holding a Seat), wait-listed (in `_id` order, which is
 * creation order), or cancelled. One per session and worker; re-enrolling reuses it.
 */
const enrollmentSchema = new Schema(
  {
    session: { type: Schema.Types.ObjectId, ref: 'TrainingSession', required: true },
    worker: { type: Schema.Types.ObjectId, ref: 'Worker', required: true },
    status: { type: String, enum: ENROLLMENT_STATUSES, required: true },
    requestedBy: { type: String, enum: ['coordinator', 'worker'], required: true },
    // Position on the wait-list: a time, so re-joining goes to the back.
    waitlistedAt: { type: Date },
    enrolledAt: { type: Date },
    promotedAt: { type: Date },
    cancelledAt: { type: Date },
    cancelledBy: { type: Schema.Types.ObjectId, ref: 'User' },
    // A coordinator's written reason for enrolling despite an overlapping session (kept).
    overrideReason: { type: String, trim: true, maxlength: 500 },
    // The worker was told they are wait-listed, so a later promotion is announced to them.
    toldWaitlisted: { type: Boolean, default: false },
  },
  { timestamps: true },
);
enrollmentSchema.index({ session: 1, worker: 1 }, { unique: true });

export type EnrollmentDoc = InferSchemaType<typeof enrollmentSchema> & { _id: Types.ObjectId };
export const Enrollment = model('Enrollment', enrollmentSchema);
