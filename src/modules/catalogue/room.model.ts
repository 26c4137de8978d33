import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const ROOM_KINDS = ['classroom', 'workshop_bay', 'machine'] as const;

/** A bookable place or machine: "Ruang Teori", "Bengkel Las 1", "Mesin Bubut 2". */
const roomSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    kind: { type: String, enum: ROOM_KINDS, required: true },
    capacity: { type: Number, required: true, min: 1, max: 500 },
    location: { type: String, trim: true, maxlength: 160 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
roomSchema.index({ name: 1 }, { unique: true });

export type RoomDoc = InferSchemaType<typeof roomSchema> & { _id: Types.ObjectId };
export const Room = model('Room', roomSchema);
