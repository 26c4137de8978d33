import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const ASSESSMENT_KINDS = ['pre', 'post'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const ASSESSMENT_METHODS = ['observation', 'interview', 'case_study', 'portfolio'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

/**
 * A pre- or post-training assessment of one enrolled worker on one unit the course targets: the
 * level reached (0–4), when, how, by whom. One per (enrolment, unit, kind) — the unique index is
 * what keeps it one on FerretDB, where upserts are not atomic. `course` is copied from the session
 * (it never changes) so roll-ups need no join; `assessorName` keeps the name as it was.
 */
const assessmentSchema = new Schema(
  {
    kind: { type: String, enum: ASSESSMENT_KINDS, required: true },
    enrollment: { type: Schema.Types.ObjectId, ref: 'Enrollment', required: true },
    session: { type: Schema.Types.ObjectId, ref: 'TrainingSession', required: true },
    course: { type: Schema.Types.ObjectId, ref: 'Course', required: true },
    worker: { type: Schema.Types.ObjectId, ref: 'Worker', required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'CompetencyUnit', required: true },
    level: {
      type: Number,
      required: true,
      min: 0,
      max: 4,
      validate: { validator: Number.isInteger, message: 'level must be a whole number' },
    },
    assessedAt: { type: Date, required: true },
    method: { type: String, enum: ASSESSMENT_METHODS, required: true },
    notes: { type: String, trim: true, maxlength: 1000, default: '' },
    assessor: { type: Schema.Types.ObjectId, ref: 'User' },
    assessorName: { type: String, trim: true, maxlength: 120, default: '' },
  },
  { timestamps: true },
);
assessmentSchema.index({ enrollment: 1, unit: 1, kind: 1 }, { unique: true });

export type AssessmentDoc = InferSchemaType<typeof assessmentSchema> & { _id: Types.ObjectId };
export const Assessment = model('Assessment', assessmentSchema);
