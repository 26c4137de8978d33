import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/** The outcome per unit of a certification assessment: Kompeten or Belum Kompeten (never a score). */
export const OUTCOMES = ['K', 'BK'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * A certification assessment (uji kompetensi): a worker assessed against a scheme at a test site
 * (TUK) by a licensed assessor (name and BNSP registration number, e.g. "MET.000.012345 2019"),
 * with K or BK per unit of the scheme. A certificate is issued from it only when every unit is K.
 */
const assessmentSchema = new Schema(
  {
    worker: { type: Schema.Types.ObjectId, ref: 'Worker', required: true },
    scheme: { type: Schema.Types.ObjectId, ref: 'CertificationScheme', required: true },
    tuk: { type: String, required: true, trim: true, maxlength: 160 },
    assessor: {
      name: { type: String, required: true, trim: true, maxlength: 120 },
      registration: { type: String, required: true, trim: true, maxlength: 40 },
    },
    date: { type: Date, required: true },
    outcomes: [
      {
        _id: false,
        unit: { type: Schema.Types.ObjectId, ref: 'CompetencyUnit', required: true },
        outcome: { type: String, enum: OUTCOMES, required: true },
      },
    ],
    notes: { type: String, trim: true, maxlength: 1000 },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
assessmentSchema.index({ worker: 1, date: -1 });

export type AssessmentDoc = InferSchemaType<typeof assessmentSchema> & { _id: Types.ObjectId };
export const CertificationAssessment = model('CertificationAssessment', assessmentSchema);

/** True when every unit was assessed K (and there is at least one). */
export function allCompetent(outcomes: readonly { outcome: string }[]): boolean {
  return outcomes.length > 0 && outcomes.every((o) => o.outcome === 'K');
}
