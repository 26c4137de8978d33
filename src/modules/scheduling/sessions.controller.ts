import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../platform/actor';
import { AlreadyDoneError } from '../../platform/db/claims';
import { flash } from '../../platform/http/flash';
import { formTokenFor, newFormToken } from '../../platform/http/form-token';
import { handleForm, postedForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import type { SchedulingModule } from './index';
import { planningOptions } from './options';
import { SchedulingConflictError } from './sessions.service';
import { cancelSessionForm, createSessionForm, meetingForm, newSessionQuery, sessionListQuery, updateSessionForm } from './sessions.schemas';

const actorOf = (req: Request) => req.user as Actor;
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

/** Runs a form's work; a scheduling conflict re-renders the page with 409 and the list of clashes. */
async function withConflicts(res: Response, view: string, locals: () => Promise<Record<string, unknown>>, values: Record<string, unknown>, work: () => Promise<void>) {
  try {
    await handleForm(res, view, await locals(), values, work);
  } catch (err) {
    if (!(err instanceof SchedulingConflictError)) throw err;
    res.status(409).render(view, { ...(await locals()), values, errors: { _form: 'scheduling:conflict.title' }, conflicts: err.conflicts, failedForm: postedForm(values) });
  }
}

export function sessionsController(mod: SchedulingModule) {
  const formLocals = async (req: Request, session: unknown = null) => ({ ...(await planningOptions(req.lng)), session, conflicts: [] });

  const list: RequestHandler = async (req, res) => {
    const q = sessionListQuery.parse(req.query);
    res.render('scheduling/list', { page: await mod.query.listSessions(actorOf(req), q, req.lng), q, courses: (await planningOptions(req.lng)).courses });
  };

  const open: RequestHandler = async (req, res) => {
    res.render('scheduling/open', { open: await mod.query.listOpenSessions(actorOf(req), req.lng) });
  };

  const showNew: RequestHandler = async (req, res) => {
    const locals = await formLocals(req);
    const course = locals.courses.find((c) => c.id === newSessionQuery.parse(req.query).course);
    res.render('scheduling/form', { ...locals, values: { course: course?.id, capacity: course?.capacity, state: 'open', cutoffHours: 24, plan: 'recurring', instructors: [], recurWeekdays: [], recurWeeks: 1, recurStart: '08:00', recurEnd: '12:00', formToken: newFormToken() } });
  };

  const create: RequestHandler = async (req, res) => {
    const values = { ...body(req), formToken: formTokenFor(body(req)) };
    await withConflicts(res, 'scheduling/form', () => formLocals(req), values, async () => {
      try {
        const id = await mod.sessions.createSession(actorOf(req), parseForm(createSessionForm, req.body));
        flash(req, 'success', 'scheduling:created');
        res.redirect(303, `/sessions/${id}`);
      } catch (err) {
        // The same form was saved already (a double click, parallel posts): show the class it made.
        if (!(err instanceof AlreadyDoneError && err.result)) throw err;
        flash(req, 'info', 'scheduling:already_created');
        res.redirect(303, `/sessions/${err.result}`);
      }
    });
  };

  const show: RequestHandler = async (req, res) => {
    const page = await mod.query.getSessionPage(actorOf(req), String(req.params.id), req.lng);
    res.render('scheduling/show', { ...page, enrolOptions: page.canPlan ? await mod.enrolmentOptions() : null, conflicts: [] });
  };

  const showEdit: RequestHandler = async (req, res) => {
    const page = await mod.query.getSessionPage(actorOf(req), String(req.params.id), req.lng);
    const s = page.session;
    res.render('scheduling/edit', { ...(await formLocals(req, s)), values: { course: s.courseId, instructors: s.instructorIds, room: s.roomId, capacity: s.capacity, state: s.state, cutoffHours: s.cutoffHours, notes: s.notes } });
  };

  const update: RequestHandler = async (req, res) => {
    const page = await mod.query.getSessionPage(actorOf(req), String(req.params.id), req.lng);
    await withConflicts(res, 'scheduling/edit', () => formLocals(req, page.session), body(req), async () => {
      const { capacityGrew, started } = await mod.sessions.updateSession(actorOf(req), page.session.id, parseForm(updateSessionForm, req.body));
      if (capacityGrew && !started) await mod.enrollment.promoteWaitlisted(page.session.id, { ignoreCutoff: true });
      flash(req, 'success', 'scheduling:updated');
      if (capacityGrew && started) flash(req, 'info', 'scheduling:capacity_after_start');
      res.redirect(303, `/sessions/${page.session.id}`);
    });
  };

  /**
   * Meeting changes and cancellation post from the session page; errors re-render it. The work returns
   * the success message, or null when it flashed its own messages.
   */
  const onSessionPage = (work: (req: Request) => Promise<string | null>): RequestHandler => async (req, res) => {
    const id = String(req.params.id);
    const pageLocals = async () => {
      const page = await mod.query.getSessionPage(actorOf(req), id, req.lng);
      return { ...page, enrolOptions: page.canPlan ? await mod.enrolmentOptions() : null, conflicts: [] };
    };
    await withConflicts(res, 'scheduling/show', pageLocals, body(req), async () => {
      const done = await work(req);
      // The work rendered a page itself (a confirmation step).
      if (res.headersSent) return;
      if (done) flash(req, 'success', done);
      res.redirect(303, `/sessions/${id}`);
    });
  };

  const addMeeting = onSessionPage(async (req) => {
    await mod.sessions.addMeeting(actorOf(req), String(req.params.id), parseForm(meetingForm, req.body));
    return 'scheduling:meeting_added';
  });

  const moveMeeting = onSessionPage(async (req) => {
    await mod.sessions.moveMeeting(actorOf(req), String(req.params.id), String(req.params.meetingId), parseForm(meetingForm, req.body));
    return 'scheduling:meeting_moved';
  });

  const cancelMeeting = onSessionPage(async (req) => {
    await mod.sessions.cancelMeeting(actorOf(req), String(req.params.id), String(req.params.meetingId));
    return 'scheduling:meeting_cancelled';
  });

  const cancel = onSessionPage(async (req) => {
    await mod.sessions.cancelSession(actorOf(req), String(req.params.id), parseForm(cancelSessionForm, req.body).reason);
    return 'scheduling:cancelled';
  });

  return { list, open, showNew, create, show, showEdit, update, addMeeting, moveMeeting, cancelMeeting, cancel, onSessionPage };
}
