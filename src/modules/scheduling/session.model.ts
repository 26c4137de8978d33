import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * A session (class): one run of a course with instructors, a room, a capacity and one or more
 * meetings. `state` is what people decide (planned → open, or cancelled); the status shown
 * (planned, open, full, running, completed, cancelled) is computed from it, the seats taken and the
 * meeting times, so it never goes stale.
 */
const trainingSessionSchema = new Schema(
  {
    course: { type: Schema.Types.ObjectId, ref: 'Course', required: true },
    instructors: [{ type: Schema.Types.ObjectId, ref: 'Instructor' }],
    room: { type: Schema.Types.ObjectId, ref: 'Room', required: true },
    capacity: { type: Number, required: true, min: 1, max: 200 },
    state: { type: String, enum: ['planned', 'open', 'cancelled'], default: 'planned' },
    // Wait-listed workers are promoted automatically until this many hours before the first meeting.
    cutoffHours: { type: Number, min: 0, max: 24 * 14, default: 24 },
    // Denormalised from the meetings, for listing and sorting without a join.
    firstStart: { type: Date },
    lastEnd: { type: Date },
    notes: { type: String, trim: true, maxlength: 2000 },
    cancelledAt: { type: Date },
    cancelReason: { type: String, trim: true, maxlength: 500 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

export type TrainingSessionDoc = InferSchemaType<typeof trainingSessionSchema> & { _id: Types.ObjectId };
export const TrainingSession = model('TrainingSession', trainingSessionSchema);
