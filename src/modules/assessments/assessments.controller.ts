import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { ASSESSMENT_METHODS } from './assessment.model';
import { assessmentSheetForm, sheetQuery } from './assessments.schemas';
import type { AssessmentsService } from './assessments.service';

const actorOf = (req: Request): Actor => req.user as Actor;
const VIEW = 'assessments/sheet';
const LEVELS = [0, 1, 2, 3, 4];

/** What the sheet posted, to re-render it after a refusal: the sheet's own fields, strings only. */
function submitted(body: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body ?? {}).filter((e): e is [string, string] => /^(pre|post|note)_/.test(e[0]) && typeof e[1] === 'string'),
  );
}

/** The assessment sheet of a session: show and save. */
export function assessmentsController(assessments: AssessmentsService) {
  const locals = { methods: ASSESSMENT_METHODS, levels: LEVELS };

  const show: RequestHandler = async (req, res) => {
    const sheet = await assessments.getSheet(actorOf(req), String(req.params.id), req.lng, sheetQuery.parse(req.query).unit);
    res.render(VIEW, { ...locals, sheet, values: sheet.values });
  };

  const save: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    const sheet = await assessments.getSheet(actorOf(req), id, req.lng, sheetQuery.parse(req.query).unit);
    await handleForm(res, VIEW, { ...locals, sheet }, { ...sheet.values, ...submitted(req.body) }, async () => {
      const changed = await assessments.saveSheet(actorOf(req), id, parseForm(assessmentSheetForm, req.body), req.lng);
      flash(req, 'success', 'assessments:sheet.saved', { count: changed });
      res.redirect(303, `/sessions/${id}/assessments${sheet.pages ? `?unit=${sheet.pages.current}` : ''}`);
    });
  };

  return { show, save };
}
