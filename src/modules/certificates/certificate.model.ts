import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from '../catalogue';
import { PROCESSES } from '../continuity';
import { ISSUER_KINDS } from './scheme.model';
import { VALIDITY_KINDS } from './validity';

export const SOURCES = ['assessment', 'history', 'renewal'] as const;
/** Why a certificate was revoked, as public pages may name it (the free-text reason stays internal). */
export const REVOCATION_CATEGORIES = ['fraud', 'error', 'withdrawn', 'assessment_invalid', 'other'] as const;
export type RevocationCategory = (typeof REVOCATION_CATEGORIES)[number];

/**
 * A competency certificate. Its status (valid, expiring, lapsed, expired, revoked) is never stored:
 * it is computed from `issueDate`, `validity`, `revokedAt` and the holder's continuity log when read
 * (validity.ts). Scheme, units and holder name are copies taken at issue. `number` is unique and
 * never reused (numbering.ts); a certificate entered from history carries the number printed on the
 * original instead (also in `originalNumber`) and takes no TKR number; `verifyCode` is the long random token of the public verification
 * link. `renews`/`renewedBy` link a renewal chain; both `renews` and `assessment` are unique, so a
 * certificate is renewed once and an assessment gives one certificate, even under concurrent requests.
 */
const certificateSchema = new Schema(
  {
    number: { type: String, required: true, maxlength: 60 },
    verifyCode: { type: String, required: true, maxlength: 64 },
    worker: { type: Schema.Types.ObjectId, ref: 'Worker', required: true },
    holderName: { type: String, required: true, trim: true, maxlength: 120 },
    scheme: { type: Schema.Types.ObjectId, ref: 'CertificationScheme', required: true },
    schemeName: { type: String, required: true, maxlength: 160 },
    kkniLevel: { type: Number, required: true, min: 1, max: 9 },
    issuingBody: {
      kind: { type: String, enum: ISSUER_KINDS, required: true },
      name: { type: String, required: true, maxlength: 160 },
    },
    trade: { type: String, enum: TRADES, required: true },
    units: [
      {
        _id: false,
        unit: { type: Schema.Types.ObjectId, ref: 'CompetencyUnit' },
        code: { type: String, required: true, maxlength: 40 },
        title: { id: { type: String, required: true, maxlength: 200 }, en: { type: String, maxlength: 200, default: '' } },
      },
    ],
    issueDate: { type: Date, required: true },
    validity: {
      kind: { type: String, enum: VALIDITY_KINDS, required: true },
      years: { type: Number, min: 1, max: 10 },
      process: { type: String, enum: PROCESSES },
    },
    source: { type: String, enum: SOURCES, required: true },
    assessment: { type: Schema.Types.ObjectId, ref: 'CertificationAssessment' },
    // History entries: the number printed on the original certificate, and its scan.
    originalNumber: { type: String, trim: true, maxlength: 60 },
    scan: { type: Schema.Types.ObjectId, ref: 'CertificateScan' },
    renews: { type: Schema.Types.ObjectId, ref: 'Certificate' },
    renewedBy: { type: Schema.Types.ObjectId, ref: 'Certificate' },
    revokedAt: { type: Date },
    revokedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    revocationReason: { type: String, trim: true, maxlength: 500 },
    // Absent on revocations recorded before categories existed: read as 'other'.
    revocationCategory: { type: String, enum: REVOCATION_CATEGORIES },
    issuedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
certificateSchema.index({ number: 1 }, { unique: true });
certificateSchema.index({ verifyCode: 1 }, { unique: true });
certificateSchema.index({ assessment: 1 }, { unique: true, sparse: true });
certificateSchema.index({ renews: 1 }, { unique: true, sparse: true });
certificateSchema.index({ worker: 1, issueDate: -1 });

export type CertificateDoc = InferSchemaType<typeof certificateSchema> & { _id: Types.ObjectId };
export const Certificate = model('Certificate', certificateSchema);
