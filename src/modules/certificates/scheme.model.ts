import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from '../catalogue';
import { PROCESSES } from '../continuity';
import { DEFAULT_TERM_YEARS, VALIDITY_KINDS } from './validity';

/** Who issues a scheme's certificates: a BNSP-licensed LSP, LIK Takaru itself, or another body. */
export const ISSUER_KINDS = ['lsp', 'internal', 'external'] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

/**
 * A certification scheme (skema sertifikasi): a name, its KKNI level (1–9), the issuing body, the
 * trade (which gives the certificate number its trade code), the competency units it covers and
 * the validity rule its certificates get. Issued certificates keep a copy of all this, so later
 * edits to a scheme never change a certificate already issued.
 */
const schemeSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 160 },
    // The name in English, for the English half of bilingual documents (capability statement).
    nameEn: { type: String, trim: true, maxlength: 160 },
    kkniLevel: { type: Number, required: true, min: 1, max: 9 },
    issuingBody: {
      kind: { type: String, enum: ISSUER_KINDS, required: true },
      name: { type: String, required: true, trim: true, maxlength: 160 },
    },
    trade: { type: String, enum: TRADES, required: true },
    units: [{ type: Schema.Types.ObjectId, ref: 'CompetencyUnit' }],
    validity: {
      kind: { type: String, enum: VALIDITY_KINDS, required: true, default: 'fixed_term' },
      years: { type: Number, min: 1, max: 10, default: DEFAULT_TERM_YEARS },
      process: { type: String, enum: PROCESSES },
    },
    description: { type: String, trim: true, maxlength: 500 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
schemeSchema.index({ name: 1 }, { unique: true });

export type SchemeDoc = InferSchemaType<typeof schemeSchema> & { _id: Types.ObjectId };
export const CertificationScheme = model('CertificationScheme', schemeSchema);
