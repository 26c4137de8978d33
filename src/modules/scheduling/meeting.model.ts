import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * One meeting of a session, start and end stored in UTC and shown in WIB. Room and instructors are
 * copied from the session so a conflict check is one query over meetings. `checkinToken` is the
 * secret in the meeting's QR check-in link.
 */
const meetingSchema = new Schema(
  {
    session: { type: Schema.Types.ObjectId, ref: 'TrainingSession', required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    room: { type: Schema.Types.ObjectId, ref: 'Room', required: true },
    instructors: [{ type: Schema.Types.ObjectId, ref: 'Instructor' }],
    checkinToken: { type: String, required: true },
    cancelled: { type: Boolean, default: false },
  },
  { timestamps: true },
);
meetingSchema.index({ checkinToken: 1 }, { unique: true });
meetingSchema.index({ session: 1, start: 1 });

export type MeetingDoc = InferSchemaType<typeof meetingSchema> & { _id: Types.ObjectId };
export const Meeting = model('Meeting', meetingSchema);
