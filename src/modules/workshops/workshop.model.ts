import { Schema, model, type InferSchemaType } from 'mongoose';

/** The legal forms of Indonesian small businesses that appear at LIK Takaru. */
export const LEGAL_FORMS = ['CV', 'PT', 'UD'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

const workshopSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    legalForm: { type: String, enum: LEGAL_FORMS, required: true },
    owner: { type: String, trim: true, maxlength: 120 },
    products: { type: String, trim: true, maxlength: 500 },
    unit: { type: String, trim: true, maxlength: 40 },
    phone: { type: String, trim: true, maxlength: 30 }, // E.164 when given, +62…
    // A contact person or address besides the owner, e.g. "Bu Sri (admin), sri@logamjaya.co.id".
    contact: { type: String, trim: true, maxlength: 120 },
    email: { type: String, trim: true, lowercase: true, maxlength: 254 },
    // Who signs the supplier capability statement for the company, and in what capacity.
    signatoryName: { type: String, trim: true, maxlength: 120 },
    signatoryTitle: { type: String, trim: true, maxlength: 80 },
    archived: { type: Boolean, default: false },
  },
  { timestamps: true },
);
workshopSchema.index({ name: 1 }, { unique: true });

export type WorkshopDoc = InferSchemaType<typeof workshopSchema>;
export const Workshop = model('Workshop', workshopSchema);

/** "CV. Logam Jaya": the legal form is part of how the business is named. */
export function displayName(w: { legalForm: string; name: string }): string {
  return `${w.legalForm}. ${w.name}`;
}

/**
 * A workshop name as people type it, split into the legal form (when one leads: "CV.", "PT ", "ud.")
 * and the rest, with single spaces; `key` is the rest in lower case, for comparison. "CV. Logam Jaya",
 * "cv logam  jaya" and "Logam Jaya" all have the key "logam jaya".
 */
export function splitWorkshopName(input: string): { name: string; key: string; legalForm?: LegalForm } {
  const squeezed = input.trim().replace(/\s+/g, ' ');
  const m = /^(CV|PT|UD)\b\.?\s*(.+)$/i.exec(squeezed);
  const name = m ? m[2]! : squeezed;
  return { name, key: name.toLowerCase(), legalForm: m ? (m[1]!.toUpperCase() as LegalForm) : undefined };
}
