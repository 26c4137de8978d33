import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Actor } from '../../../platform/actor';
import { ValidationError } from '../../../platform/errors';
import { csrf } from '../../../platform/http/csrf';
import { flash } from '../../../platform/http/flash';
import { isLanguage } from '../../../platform/i18n';
import { ImportFileError } from './import-errors';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS } from './import-columns';
import type { WorkerImportService } from './import.service';
import { MAX_FILE_BYTES, MAX_ROWS } from './read-table';

const actorOf = (req: Request) => req.user as Actor;

const previewQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
  show: z.enum(['all', 'problems', 'create', 'update']).catch('all').default('all'),
});
const confirmForm = z.object({ mode: z.enum(['all', 'valid'], { error: 'workers:import.mode_required' }) });

/** The upload goes to memory (at most 5 MB, one file) and is never written to disk. */
const receiveFile = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
}).single('file');

interface FileProblem {
  key: string;
  params: Record<string, unknown>;
}

/**
 * Multer first, then the CSRF check: a multipart body's `_csrf` exists only once it is parsed, so
 * the app-level check lets these requests through and this one does it. A refused upload (too big,
 * malformed) only renders a message: nothing is changed, so it needs no token.
 */
export function receiveUpload(): RequestHandler[] {
  const parse: RequestHandler = (req, res, next) => {
    receiveFile(req, res, (err?: unknown) => {
      if (!err) return next();
      const code = (err as { code?: string }).code;
      res.locals.uploadProblem = code === 'LIMIT_FILE_SIZE' ? { key: 'too_large', params: { max: 5 } } : { key: 'bad_upload', params: {} };
      next();
    });
  };
  const checkCsrf: RequestHandler = (req, res, next) => {
    if (res.locals.uploadProblem) return next();
    csrf.csrfSynchronisedProtection(req, res, next);
  };
  return [parse, checkCsrf];
}

/** Upload page, templates, preview and confirmation of a worker import (coordinators and admins). */
export function importController(imports: WorkerImportService) {
  const renderUpload = (res: Response, status = 200, problem?: FileProblem) => {
    res.status(status).render('workers/import', {
      problem: problem ? translateProblem(res, problem) : null,
      columns: IMPORT_COLUMNS,
      required: REQUIRED_COLUMNS,
      maxRows: MAX_ROWS,
    });
  };

  const showUpload: RequestHandler = (_req, res) => renderUpload(res);

  /** Template headers in the page language, or in `?language=` (so both can be offered without switching the page). */
  const templateLanguage = (req: Request) => (isLanguage(req.query.language) ? req.query.language : req.lng);

  const templateCsv: RequestHandler = (req, res) => {
    const file = imports.csvTemplate(templateLanguage(req));
    res.attachment(file.name).type('text/csv; charset=utf-8').send(file.buffer);
  };

  const templateXlsx: RequestHandler = async (req, res) => {
    const file = await imports.xlsxTemplate(templateLanguage(req));
    res.attachment(file.name).send(file.buffer);
  };

  const upload: RequestHandler = async (req, res) => {
    const early = res.locals.uploadProblem as FileProblem | undefined;
    if (early) return renderUpload(res, early.key === 'too_large' ? 413 : 422, early);
    if (!req.file) return renderUpload(res, 422, { key: 'no_file', params: {} });
    try {
      const id = await imports.upload(actorOf(req), { buffer: req.file.buffer, originalname: req.file.originalname });
      res.redirect(303, `/workers/import/${id}`);
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      renderUpload(res, err.code === 'too_large' ? 413 : 422, { key: err.code, params: err.params });
    }
  };

  const preview: RequestHandler = async (req, res) => {
    const query = previewQuery.parse(req.query);
    res.render('workers/import-preview', { preview: await imports.preview(actorOf(req), String(req.params.id), query) });
  };

  const confirm: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    try {
      const { mode } = confirmFormParse(req.body);
      const result = await imports.confirm(actorOf(req), id, mode);
      flash(req, 'success', 'workers:import.done', { count: result.created, updated: result.updated, skipped: result.skipped });
      res.redirect(303, '/workers');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const view = await imports.preview(actorOf(req), id, { page: 1, show: 'problems' });
      res.status(422).render('workers/import-preview', { preview: view, errors: err.fields });
    }
  };

  return { showUpload, templateCsv, templateXlsx, upload, preview, confirm };
}

function confirmFormParse(body: unknown) {
  const result = confirmForm.safeParse(body ?? {});
  if (!result.success) throw new ValidationError({ _form: 'workers:import.mode_required' });
  return result.data;
}

/** `missing_columns` names the columns in the page language. */
function translateProblem(res: Response, problem: FileProblem): FileProblem {
  const t = res.locals.t as (key: string, params?: object) => string;
  const params = { ...problem.params };
  if (Array.isArray(params.columns)) params.columns = params.columns.map((c) => t(`workers:import.columns.${String(c)}`)).join(', ');
  return { key: `workers:import.errors.${problem.key}`, params };
}
