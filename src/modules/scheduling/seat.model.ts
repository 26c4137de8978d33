import { Schema, model } from 'mongoose';

/**
 * Seats make capacity hold under concurrency on any backend: a session has seats 1..capacity and
 * taking one is an insert under a unique (session, no) index, so two requests can never both get
 * the last seat — even on FerretDB, where findAndModify and upserts are not atomic.
 */
const seatSchema = new Schema(
  {
    session: { type: Schema.Types.ObjectId, ref: 'TrainingSession', required: true },
    no: { type: Number, required: true, min: 1 },
    enrollment: { type: Schema.Types.ObjectId, ref: 'Enrollment', required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
seatSchema.index({ session: 1, no: 1 }, { unique: true });
seatSchema.index({ enrollment: 1 }, { unique: true });

export const Seat = model('Seat', seatSchema);
