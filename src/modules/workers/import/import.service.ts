import type { i18n } from 'i18next';
import { Types, trusted } from 'mongoose';
import type { Actor } from '../../../platform/actor';
import type { Clock } from '../../../platform/clock';
import { runOnce } from '../../../platform/db/claims';
import { NotFoundError, ValidationError } from '../../../platform/errors';
import type { Language } from '../../../platform/i18n';
import { wibParts } from '../../../platform/time';
import { Workshop, displayName } from '../../workshops';
import { Worker } from '../worker.model';
import { IMPORT_TTL_MS, WorkerImport } from '../worker-import.model';
import { joinDateToUtc } from '../worker-rules';
import { assertCanManageWorkers } from '../workers.policy';
import { workersChanged } from '../workers.read-models';
import { ImportVocabulary, toImportRows, type ImportRow } from './import-columns';
import { csvTemplate, xlsxTemplate } from './import-template';
import { readTable } from './read-table';
import { checkRows, type CheckedRow, type ImportInput } from './validate-rows';

export const PREVIEW_PAGE_SIZE = 100;
export type PreviewFilter = 'all' | 'problems' | 'create' | 'update';

export interface ImportCounts {
  rows: number;
  valid: number;
  invalid: number;
  create: number;
  update: number;
}

export interface ImportPreview {
  id: string;
  fileName: string;
  createdAt: Date;
  confirmedAt?: Date;
  result?: { created: number; updated: number; skipped: number };
  counts: ImportCounts;
  rows: CheckedRow[];
  page: number;
  pages: number;
  show: PreviewFilter;
}

/**
 * Bulk import of workers from CSV or XLSX in two steps: upload (read, check, keep the rows; nothing
 * is written to workers) and confirm (all rows, only when none has a problem; or only the valid
 * ones). A row whose phone or NIK belongs to a worker updates that worker instead of adding one.
 */
export class WorkerImportService {
  readonly vocabulary: ImportVocabulary;

  constructor(private readonly deps: { clock: Clock; i18n: i18n }) {
    this.vocabulary = new ImportVocabulary(deps.i18n);
  }

  /**
   * Reads an uploaded file and keeps its rows for the preview.
   * @throws ImportFileError when the file cannot be imported at all (type, size, unreadable, columns).
   */
  async upload(actor: Actor, file: { buffer: Buffer; originalname?: string }): Promise<string> {
    assertCanManageWorkers(actor);
    const table = await readTable(file.buffer);
    const { rows } = toImportRows(table, this.vocabulary);
    const doc = await WorkerImport.create({
      owner: new Types.ObjectId(actor.id),
      fileName: (file.originalname ?? '').slice(0, 200),
      kind: table.kind,
      rows,
    });
    return String(doc._id);
  }

  /** The rows checked against today's workers, a page at a time, with counts. */
  async preview(actor: Actor, id: string, opts: { page: number; show: PreviewFilter }): Promise<ImportPreview> {
    const doc = await this.load(actor, id);
    const { checked } = await this.check(doc.rows as ImportRow[]);
    const counts = countRows(checked);
    const shown = checked.filter((r) =>
      opts.show === 'all' ? true : opts.show === 'problems' ? r.problems.length > 0 : r.action === opts.show,
    );
    const pages = Math.max(1, Math.ceil(shown.length / PREVIEW_PAGE_SIZE));
    const page = Math.min(opts.page, pages);
    return {
      id: String(doc._id),
      fileName: doc.fileName ?? '',
      createdAt: doc.createdAt as Date,
      confirmedAt: doc.confirmedAt ?? undefined,
      result: doc.confirmedAt && doc.result ? (doc.result as ImportPreview['result']) : undefined,
      counts,
      rows: shown.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE),
      page,
      pages,
      show: opts.show,
    };
  }

  /**
   * Writes the rows: `all` only when no row has a problem, `valid` skips the rows with problems.
   * Rows are checked again first. Once per import: the claim `import-confirm:<id>` (a unique insert;
   * a conditional update is not atomic on FerretDB) lets one request write; a parallel one waits for
   * it and is told, the preview then showing the result. The unique indexes on phone/NIK remain the
   * backstop against a racing save elsewhere (counted as skipped).
   * @throws ValidationError (_form) when confirmed already, when `all` meets problems, or nothing is valid.
   */
  async confirm(actor: Actor, id: string, mode: 'all' | 'valid'): Promise<{ created: number; updated: number; skipped: number }> {
    const doc = await this.load(actor, id);
    if (doc.confirmedAt) throw new ValidationError({ _form: 'workers:import.already_confirmed' });
    const once = await runOnce(`import-confirm:${String(doc._id)}`, async () => {
      const { checked, shopOf } = await this.check(doc.rows as ImportRow[]);
      const counts = countRows(checked);
      if (mode === 'all' && counts.invalid > 0) throw new ValidationError({ _form: 'workers:import.all_blocked' });
      if (counts.valid === 0) throw new ValidationError({ _form: 'workers:import.nothing_valid' });
      await WorkerImport.updateOne({ _id: doc._id }, { $set: { confirmedAt: this.deps.clock.now() } });
      const written = checked.filter((r) => r.input);
      try {
        let result: Awaited<ReturnType<typeof writeRows>>;
        try {
          result = await writeRows(written);
        } finally {
          // Also after a failure half-way (unordered: the other rows were written). The workshops
          // joined and, for updated workers, the ones they left: one refresh for the whole import.
          await workersChanged({ workshops: written.flatMap((r) => [r.input!.workshop, ...(r.workerId ? [shopOf.get(r.workerId)] : [])]) });
        }
        result.skipped += counts.invalid;
        await WorkerImport.updateOne({ _id: doc._id }, { $set: { result } });
        return JSON.stringify(result);
      } catch (err) {
        await WorkerImport.updateOne({ _id: doc._id }, { $unset: { confirmedAt: 1 } });
        throw err;
      }
    });
    if (!once.first) throw new ValidationError({ _form: 'workers:import.already_confirmed' });
    return JSON.parse(once.result) as { created: number; updated: number; skipped: number };
  }

  /** The CSV template with headers in `lng`. */
  csvTemplate(lng: Language): { name: string; buffer: Buffer } {
    const t = this.deps.i18n.getFixedT(lng);
    return { name: `${t('workers:import.template.file')}.csv`, buffer: csvTemplate(t) };
  }

  /** The XLSX template with headers in `lng` and a help sheet listing trades and workshops. */
  async xlsxTemplate(lng: Language): Promise<{ name: string; buffer: Buffer }> {
    const t = this.deps.i18n.getFixedT(lng);
    const workshops = await Workshop.find({ archived: false }, { name: 1, legalForm: 1 }).sort({ name: 1 }).lean();
    return { name: `${t('workers:import.template.file')}.xlsx`, buffer: await xlsxTemplate(t, workshops.map(displayName)) };
  }

  /** Housekeeping in place of a TTL index: imports older than a day go. */
  async purge(now: Date): Promise<number> {
    const r = await WorkerImport.deleteMany({ createdAt: trusted({ $lt: new Date(now.getTime() - IMPORT_TTL_MS) }) });
    return r.deletedCount;
  }

  private async load(actor: Actor, id: string) {
    assertCanManageWorkers(actor);
    const doc = Types.ObjectId.isValid(id) ? await WorkerImport.findOne({ _id: id, owner: new Types.ObjectId(actor.id) }).lean() : null;
    if (!doc) throw new NotFoundError();
    return doc;
  }

  /** The rows checked, and each existing worker's workshop (an update may move them: both rosters change). */
  private async check(rows: ImportRow[]): Promise<{ checked: CheckedRow[]; shopOf: Map<string, string> }> {
    // Two small projected reads instead of a query per row: only _id lookups are indexed on FerretDB.
    const [workshops, workers] = await Promise.all([
      Workshop.find({ archived: false }, { name: 1, legalForm: 1 }).lean(),
      Worker.find({}, { phone: 1, nik: 1, workshop: 1 }).lean(),
    ]);
    const shopOf = new Map(workers.map((w) => [String(w._id), String(w.workshop)]));
    const workerByPhone = new Map<string, string>();
    const workerByNik = new Map<string, string>();
    for (const w of workers) {
      if (w.phone) workerByPhone.set(w.phone, String(w._id));
      if (w.nik) workerByNik.set(w.nik, String(w._id));
    }
    const checked = checkRows(rows, {
      vocabulary: this.vocabulary,
      workshops: workshops.map((w) => ({ id: String(w._id), name: w.name, legalForm: w.legalForm })),
      workerByPhone,
      workerByNik,
      today: wibParts(this.deps.clock.now()).date,
    });
    return { checked, shopOf };
  }
}

function countRows(rows: CheckedRow[]): ImportCounts {
  const valid = rows.filter((r) => r.input);
  return {
    rows: rows.length,
    valid: valid.length,
    invalid: rows.length - valid.length,
    create: valid.filter((r) => r.action === 'create').length,
    update: valid.filter((r) => r.action === 'update').length,
  };
}

/** Empty optional cells leave an existing worker's value as it is; they never erase it. */
function fieldsOf(input: ImportInput): Record<string, unknown> {
  const doc: Record<string, unknown> = { name: input.name, phone: input.phone, workshop: new Types.ObjectId(input.workshop) };
  if (input.email) doc.email = input.email;
  if (input.trades.length > 0) doc.trades = input.trades;
  if (input.position) doc.position = input.position;
  if (input.joinedAt) doc.joinedAt = joinDateToUtc(input.joinedAt);
  if (input.nik) doc.nik = input.nik;
  return doc;
}

async function writeRows(rows: CheckedRow[]): Promise<{ created: number; updated: number; skipped: number }> {
  if (rows.length === 0) return { created: 0, updated: 0, skipped: 0 };
  const ops = rows.map((r) =>
    r.action === 'update'
      ? { updateOne: { filter: { _id: new Types.ObjectId(r.workerId) }, update: { $set: fieldsOf(r.input!) } } }
      : { insertOne: { document: { ...fieldsOf(r.input!), active: true } } },
  );
  let result: { insertedCount: number; matchedCount: number };
  try {
    result = await Worker.bulkWrite(ops as Parameters<typeof Worker.bulkWrite>[0], { ordered: false });
  } catch (err) {
    // Unordered: the other rows were written; a duplicate phone/NIK from a racing save is skipped.
    const partial = (err as { result?: { insertedCount: number; matchedCount: number } }).result;
    if (!partial || (err as { name?: string }).name !== 'MongoBulkWriteError') throw err;
    result = partial;
  }
  return { created: result.insertedCount, updated: result.matchedCount, skipped: rows.length - result.insertedCount - result.matchedCount };
}
