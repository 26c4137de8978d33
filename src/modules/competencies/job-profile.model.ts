import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TRADES } from '../catalogue/trades';

/** How positions compare: case and spacing ignored ("Juru las SMAW 3G" = "juru  las smaw 3g"). */
export function positionKey(position: string): string {
  return position.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * What a position requires: the level (1–4) per competency unit. `position` is matched to
 * `Worker.position` by `positionKey` (unique). `coreScheme` names the certification scheme that
 * counts as "certified" for the position (reports use it), when there is one.
 */
const jobProfileSchema = new Schema(
  {
    position: { type: String, required: true, trim: true, maxlength: 120 },
    positionKey: { type: String, required: true, maxlength: 120 },
    title: {
      id: { type: String, required: true, trim: true, maxlength: 200 },
      en: { type: String, trim: true, maxlength: 200, default: '' },
    },
    trade: { type: String, enum: TRADES, required: true },
    requirements: [
      {
        _id: false,
        unit: { type: Schema.Types.ObjectId, ref: 'CompetencyUnit', required: true },
        level: { type: Number, required: true, min: 1, max: 4 },
      },
    ],
    coreScheme: { type: String, trim: true, maxlength: 200, default: '' },
  },
  { timestamps: true },
);
jobProfileSchema.index({ positionKey: 1 }, { unique: true });

export type JobProfileDoc = InferSchemaType<typeof jobProfileSchema> & { _id: Types.ObjectId };
export const JobProfile = model('JobProfile', jobProfileSchema);
