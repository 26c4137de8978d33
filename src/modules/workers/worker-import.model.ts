import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const cells = new Schema(
  {
    name: String,
    phone: String,
    email: String,
    workshop: String,
    trades: String,
    position: String,
    joined: String,
    nik: String,
  },
  { _id: false },
);

/**
 * An uploaded worker file waiting for confirmation: the rows as read (cell texts and read-time
 * flags), nothing else. The preview and the confirmation check the rows again against the workers
 * as they are then, so a preview never goes stale. Only the uploader sees it. Removed after a day
 * by the `workers:purge-imports` job (no TTL indexes on FerretDB).
 */
const workerImportSchema = new Schema(
  {
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    fileName: { type: String, maxlength: 200 },
    kind: { type: String, enum: ['csv', 'xlsx'], required: true },
    rows: [
      {
        _id: false,
        line: { type: Number, required: true },
        cells: { type: cells, default: {} },
        flags: [{ _id: false, field: String, code: String }],
      },
    ],
    confirmedAt: { type: Date },
    result: { created: Number, updated: Number, skipped: Number },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

export type WorkerImportDoc = InferSchemaType<typeof workerImportSchema> & { _id: Types.ObjectId };
export const WorkerImport = model('WorkerImport', workerImportSchema);

/** How long an unconfirmed (or confirmed) import is kept for its preview. */
export const IMPORT_TTL_MS = 24 * 3600 * 1000;
