import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from './trades';

/**
 * An SKKNI competency unit (minimal here; the certificates issue adds elements and performance
 * criteria). `synthetic` marks invented units whose codes are not confirmed real ones.
 */
const competencyUnitSchema = new Schema(
  {
    code: { type: String, required: true, trim: true, maxlength: 40 },
    // The SKKNI title is Indonesian; the English one is optional and pages fall back to Indonesian.
    title: {
      id: { type: String, required: true, trim: true, maxlength: 200 },
      en: { type: String, trim: true, maxlength: 200, default: '' },
    },
    trade: { type: String, enum: TRADES, required: true },
    synthetic: { type: Boolean, default: false },
  },
  { timestamps: true },
);
competencyUnitSchema.index({ code: 1 }, { unique: true });

export type CompetencyUnitDoc = InferSchemaType<typeof competencyUnitSchema> & { _id: Types.ObjectId };
export const CompetencyUnit = model('CompetencyUnit', competencyUnitSchema);
