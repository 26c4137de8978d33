import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { askFirst } from '../../platform/http/confirm';
import { flash } from '../../platform/http/flash';
import { parseForm } from '../../platform/http/validate';
import { bulkPrompt, cancelPrompt } from './enrollment-prompts';
import type { SchedulingModule } from './index';
import { matchingWorkerIds } from './options';
import { PrerequisiteMissingError, courseName } from './prerequisites';
import { bulkEnrollForm, enrollForm } from './sessions.schemas';
import type { sessionsController } from './sessions.controller';

const actorOf = (req: Request) => req.user as Actor;

export function enrollmentController(mod: SchedulingModule, sessions: ReturnType<typeof sessionsController>) {
  const enrol = sessions.onSessionPage(async (req) => {
    const form = parseForm(enrollForm, req.body);
    const outcome = await mod.enrollment.enrollWorker(actorOf(req), String(req.params.id), form.worker, form.overrideReason);
    return outcome.status === 'enrolled' ? 'scheduling:enrol.enrolled' : 'scheduling:enrol.waitlisted';
  });

  const bulk = sessions.onSessionPage(async (req) => {
    const form = parseForm(bulkEnrollForm, req.body);
    const [id, ids, t] = [String(req.params.id), await matchingWorkerIds(form), req.res!.locals.t as (key: string) => string];
    if (!(await askFirst(req, req.res!, async () => bulkPrompt(await mod.enrollment.previewBulkEnroll(actorOf(req), id, ids), id, t)))) return null;
    const result = await mod.enrollment.bulkEnroll(actorOf(req), id, ids);
    flash(req, 'info', 'scheduling:bulk.result', {
      enrolled: String(result.enrolled),
      waitlisted: String(result.waitlisted),
      skipped: String(result.skipped.length),
    });
    for (const s of result.skipped.slice(0, 10)) flash(req, 'error', 'scheduling:bulk.skipped', { name: s.name, reason: t(s.reason) });
    return 'scheduling:bulk.done';
  });

  const request = sessions.onSessionPage(async (req) => {
    try {
      const outcome = await mod.enrollment.requestPlace(actorOf(req), String(req.params.id));
      return outcome.status === 'enrolled' ? 'scheduling:request.enrolled' : 'scheduling:request.waitlisted';
    } catch (err) {
      if (!(err instanceof PrerequisiteMissingError)) throw err;
      // The worker's to fix: say which course, and where it runs next.
      for (const c of err.missing) {
        const link = c.openSessionId ? { href: `/sessions/${c.openSessionId}`, key: 'scheduling:request.requires_open' } : undefined;
        flash(req, 'error', 'scheduling:request.requires', { course: courseName(c, req.lng) }, link);
      }
      return null;
    }
  });

  const cancel: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    const preview = await mod.enrollment.previewCancellation(actorOf(req), id);
    if (!(await askFirst(req, res, () => cancelPrompt(preview, id)))) return;
    await mod.enrollment.cancelEnrollment(actorOf(req), id);
    if (preview.self) flash(req, 'success', 'scheduling:enrol.cancelled');
    else flash(req, 'success', 'scheduling:enrol.cancelled_of', { name: preview.workerName });
    res.redirect(303, `/sessions/${preview.sessionId}`);
  };

  return { enrol, bulk, request, cancel };
}
