import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_VIA = ['manual', 'qr'] as const;

/**
 * Attendance of one worker at one meeting; recorded by an instructor/coordinator, or by QR check-in.
 * One per (meeting, worker): the unique index is what keeps it one on FerretDB, where upserts are
 * not atomic.
 */
const attendanceSchema = new Schema(
  {
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
    session: { type: Schema.Types.ObjectId, ref: 'TrainingSession', required: true },
    worker: { type: Schema.Types.ObjectId, ref: 'Worker', required: true },
    status: { type: String, enum: ATTENDANCE_STATUSES, required: true },
    via: { type: String, enum: ATTENDANCE_VIA, required: true },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    // When the status was last set, by the injected clock (timestamps use the system time).
    recordedAt: { type: Date },
  },
  { timestamps: true },
);
attendanceSchema.index({ meeting: 1, worker: 1 }, { unique: true });

export type AttendanceDoc = InferSchemaType<typeof attendanceSchema> & { _id: Types.ObjectId };
export const Attendance = model('Attendance', attendanceSchema);
