import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { Clock } from '../../platform/clock';
import { AlreadyDoneError } from '../../platform/db/claims';
import { ValidationError } from '../../platform/errors';
import { csrf } from '../../platform/http/csrf';
import { formTokenFor } from '../../platform/http/form-token';
import { flash } from '../../platform/http/flash';
import { parseForm } from '../../platform/http/validate';
import { MAX_SCAN_BYTES } from './certificate-scan.model';
import { historyForm, prefillQuery } from './certificates.schemas';
import { actorOf, formValues, todayOf } from './http-helpers';
import type { IssueService } from './issue.service';
import { allUnitChoices, isId, schemeOptions, workerGroups } from './options';
import { CertificationScheme } from './scheme.model';

/** The scan goes to memory (one file, at most 5 MB) and from there into the database; never to disk. */
const receiveFile = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_SCAN_BYTES, files: 1, fields: 60, parts: 61, fieldSize: 4096 },
}).single('file');

/**
 * Multer first, then the CSRF check: a multipart body's `_csrf` exists only once it is parsed, so the
 * app-level check lets POST /certificates/history through and this does it. A refused upload (too
 * big, malformed) writes nothing and only re-renders the form, so it needs no token.
 */
export function receiveScan(): RequestHandler[] {
  const parse: RequestHandler = (req, res, next) => {
    receiveFile(req, res, (err?: unknown) => {
      if (!err) return next();
      const code = (err as { code?: string }).code;
      res.locals.uploadProblem = code === 'LIMIT_FILE_SIZE' ? 'certificates:history.file_too_large' : 'certificates:history.bad_upload';
      next();
    });
  };
  const checkCsrf: RequestHandler = (req, res, next) => {
    if (res.locals.uploadProblem) return next();
    csrf.csrfSynchronisedProtection(req, res, next);
  };
  return [parse, checkCsrf];
}

/** Entering a certificate from history with its scan (coordinators and admins). */
export function historyController(issue: IssueService, clock: Clock) {
  const render = async (req: Request, res: Response, status: number, values: Record<string, unknown>, errors: Record<string, string> = {}) => {
    const schemeId = typeof values.scheme === 'string' && isId(values.scheme) ? values.scheme : '';
    const scheme = schemeId ? await CertificationScheme.findById(schemeId, { units: 1 }).lean() : null;
    const chosen = values.units === undefined && scheme ? (scheme.units ?? []).map(String) : values.units;
    res.status(status).render('certificates/history-form', {
      workers: await workerGroups(),
      schemes: await schemeOptions(true),
      units: await allUnitChoices(req.lng),
      maxMb: MAX_SCAN_BYTES / 1024 / 1024,
      errors,
      values: { ...values, formToken: formTokenFor(values), units: Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : [] },
    });
  };

  const showForm: RequestHandler = async (req, res) => {
    const q = prefillQuery.parse(req.query);
    await render(req, res, 200, { worker: q.worker ?? '', scheme: q.scheme ?? '', issueDate: todayOf(clock) });
  };

  const upload: RequestHandler = async (req, res) => {
    const values = { units: [], ...formValues(req.body) };
    const early = res.locals.uploadProblem as string | undefined;
    if (early) return render(req, res, early.endsWith('too_large') ? 413 : 422, values, { file: early });
    try {
      const input = parseForm(historyForm, req.body);
      const id = await issue.enterFromHistory(actorOf(req), input, req.file ? { buffer: req.file.buffer, originalname: req.file.originalname } : undefined);
      flash(req, 'success', 'certificates:history.done');
      res.redirect(303, `/certificates/${id}`);
    } catch (err) {
      // The same form was saved already (a double click, parallel posts): show what it made.
      if (err instanceof AlreadyDoneError && err.result) {
        flash(req, 'info', 'certificates:history.already_saved');
        return res.redirect(303, `/certificates/${err.result}`);
      }
      if (!(err instanceof ValidationError)) throw err;
      await render(req, res, 422, values, err.fields);
    }
  };

  return { showForm, upload };
}
