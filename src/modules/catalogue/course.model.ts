import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from './trades';

/** A course in the catalogue: what a session (class) runs. */
const courseSchema = new Schema(
  {
    code: { type: String, required: true, trim: true, uppercase: true, maxlength: 30 },
    // At least one language is required (checked below); pages fall back to the other one.
    title: {
      id: { type: String, trim: true, maxlength: 200, default: '' },
      en: { type: String, trim: true, maxlength: 200, default: '' },
    },
    description: {
      id: { type: String, trim: true, maxlength: 4000, default: '' },
      en: { type: String, trim: true, maxlength: 4000, default: '' },
    },
    trade: { type: String, enum: TRADES, required: true },
    durationHours: { type: Number, required: true, min: 1, max: 1000 },
    // The competency units the course targets and the level (0–4) aimed at.
    units: [
      {
        _id: false,
        unit: { type: Schema.Types.ObjectId, ref: 'CompetencyUnit', required: true },
        level: { type: Number, required: true, min: 1, max: 4 },
      },
    ],
    prerequisites: [{ type: Schema.Types.ObjectId, ref: 'Course' }],
    defaultCapacity: { type: Number, required: true, min: 1, max: 200, default: 12 },
    // Completion rule: share of meetings attended (present or late), in percent.
    minAttendancePct: { type: Number, required: true, min: 0, max: 100, default: 80 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
courseSchema.index({ code: 1 }, { unique: true });
courseSchema.pre('validate', function () {
  if (!this.title?.id && !this.title?.en) this.invalidate('title.id', 'a title in at least one language is required');
});

export type CourseDoc = InferSchemaType<typeof courseSchema> & { _id: Types.ObjectId };
export const Course = model('Course', courseSchema);
