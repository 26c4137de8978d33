import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { parseForm } from '../../platform/http/validate';
import { Enrollment } from './enrollment.model';
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
    const result = await mod.enrollment.bulkEnroll(actorOf(req), String(req.params.id), await matchingWorkerIds(form));
    flash(req, 'info', 'scheduling:bulk.result', {
      enrolled: String(result.enrolled),
      waitlisted: String(result.waitlisted),
      skipped: String(result.skipped.length),
    });
    const t = req.res!.locals.t as (key: string) => string;
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
    const enrollment = await Enrollment.findById(String(req.params.id), { session: 1 }).lean();
    await mod.enrollment.cancelEnrollment(actorOf(req), String(req.params.id));
    flash(req, 'success', 'scheduling:enrol.cancelled');
    res.redirect(303, enrollment ? `/sessions/${String(enrollment.session)}` : '/');
  };

  return { enrol, bulk, request, cancel };
}
