import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from './trades';

/** Who teaches: a senior worker or staff (internal), or from outside, e.g. the county training centre (BLK). */
const instructorSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    kind: { type: String, enum: ['internal', 'external'], required: true },
    organisation: { type: String, trim: true, maxlength: 160 },
    phone: { type: String, trim: true, maxlength: 20 },
    email: { type: String, trim: true, lowercase: true, maxlength: 254 },
    trades: [{ type: String, enum: TRADES }],
    // The login account of the instructor, when they have one (their schedule, attendance).
    user: { type: Schema.Types.ObjectId, ref: 'User' },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
instructorSchema.index({ user: 1 }, { unique: true, sparse: true });

export type InstructorDoc = InferSchemaType<typeof instructorSchema> & { _id: Types.ObjectId };
export const Instructor = model('Instructor', instructorSchema);
