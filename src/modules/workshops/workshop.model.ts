import { Schema, model, type InferSchemaType } from 'mongoose';

/** The legal forms of Indonesian small businesses that appear at LIK Takaru. */
export const LEGAL_FORMS = ['CV', 'PT', 'UD'] as const;

const workshopSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    legalForm: { type: String, enum: LEGAL_FORMS, required: true },
    owner: { type: String, trim: true, maxlength: 120 },
    products: { type: String, trim: true, maxlength: 500 },
    unit: { type: String, trim: true, maxlength: 40 },
    phone: { type: String, trim: true, maxlength: 30 },
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
