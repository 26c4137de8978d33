import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from './trades';

/**
 * An element of competency (elemen kompetensi) with its performance criteria (kriteria unjuk
 * kerja, KUK). Both in Indonesian (required, as in SKKNI) and English (optional, falls back). KUK
 * numbers (1.1, 1.2 …) follow from the order and are computed when shown, never stored.
 */
const elementSchema = new Schema(
  {
    title: {
      id: { type: String, required: true, trim: true, maxlength: 300 },
      en: { type: String, trim: true, maxlength: 300, default: '' },
    },
    // Criteria are sub-documents with a bilingual `text` (an array of arrays is not portable to FerretDB).
    criteria: [
      {
        _id: false,
        text: {
          id: { type: String, required: true, trim: true, maxlength: 500 },
          en: { type: String, trim: true, maxlength: 500, default: '' },
        },
      },
    ],
  },
  { _id: false },
);

/**
 * An SKKNI competency unit: code with version, title, trade, and its elements with performance
 * criteria. `synthetic` marks invented units whose codes are not confirmed real ones.
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
    elements: { type: [elementSchema], default: [] },
  },
  { timestamps: true },
);
competencyUnitSchema.index({ code: 1 }, { unique: true });

export type CompetencyUnitDoc = InferSchemaType<typeof competencyUnitSchema> & { _id: Types.ObjectId };
export const CompetencyUnit = model('CompetencyUnit', competencyUnitSchema);
