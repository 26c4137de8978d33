import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];
export const MAX_SCAN_BYTES = 5 * 1024 * 1024;

/**
 * The scan of a certificate entered from history, its bytes in the document itself. GridFS is not
 * available on FerretDB; a Buffer field is portable, and at ≤ 5 MB it stays well under the 16 MB
 * document limit on both FerretDB and MongoDB. Lists never load this collection.
 */
const scanSchema = new Schema(
  {
    contentType: { type: String, enum: SCAN_TYPES, required: true },
    size: { type: Number, required: true, min: 1, max: MAX_SCAN_BYTES },
    filename: { type: String, trim: true, maxlength: 200 },
    data: { type: Buffer, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

export type CertificateScanDoc = InferSchemaType<typeof scanSchema> & { _id: Types.ObjectId };
export const CertificateScan = model('CertificateScan', scanSchema);
