import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import type { DeliveryAdmin } from './admin.service';
import { EMAIL_STATUSES } from './notification.model';
import { jobsQuery, logQuery, testEmailForm, unreachableQuery } from './notifications.schemas';
import { JOB_STATES } from '../../platform/jobs/agenda';
import type { UnreachableService } from './unreachable.service';

const actorOf = (req: Request) => req.user as Actor;

/** The log page's locals for a query (also used when the test-email form is re-shown with an error). */
async function logLocals(admin: DeliveryAdmin, req: Request, query: ReturnType<typeof logQuery.parse>) {
  const log = await admin.listLog(actorOf(req), query);
  const params = new URLSearchParams();
  for (const k of ['status', 'kind', 'q'] as const) if (query[k]) params.set(k, String(query[k]));
  return { log, query, statuses: EMAIL_STATUSES, kinds: admin.kindNames(), base: `/admin/notifications?${params.toString()}${params.size ? '&' : ''}` };
}

export function deliveryAdminController(deps: { admin: DeliveryAdmin; unreachable: UnreachableService }) {
  const { admin } = deps;

  const log: RequestHandler = async (req, res) => {
    res.render('notifications/log', await logLocals(admin, req, logQuery.parse(req.query)));
  };

  const testEmail: RequestHandler = async (req: Request, res: Response) => {
    const locals = await logLocals(admin, req, logQuery.parse({}));
    await handleForm(res, 'notifications/log', locals, { to: req.body?.to }, async () => {
      const form = parseForm(testEmailForm, req.body);
      const r = await admin.sendTestEmail(actorOf(req), form.to, req.lng);
      if (r.ok) flash(req, 'success', 'notifications:test.sent', { transport: r.transport });
      else flash(req, 'error', 'notifications:test.failed', { error: r.error });
      res.redirect(303, '/admin/notifications');
    });
  };

  const resend: RequestHandler = async (req, res) => {
    const ok = await admin.resend(actorOf(req), String(req.params.id));
    flash(req, ok ? 'success' : 'error', ok ? 'notifications:log.resent' : 'notifications:log.resend_not_possible');
    res.redirect(303, '/admin/notifications');
  };

  const jobs: RequestHandler = async (req, res) => {
    const query = jobsQuery.parse(req.query);
    const page = await admin.listJobs(actorOf(req), query);
    const base = query.state ? `/admin/jobs?state=${query.state}&` : '/admin/jobs?';
    res.render('notifications/jobs', { jobs: page, query, states: JOB_STATES, base, now: new Date() });
  };

  const retryJob: RequestHandler = async (req, res) => {
    const ok = await admin.retryJob(actorOf(req), String(req.params.id));
    flash(req, ok ? 'success' : 'error', ok ? 'notifications:jobs.retried' : 'notifications:jobs.not_failed');
    res.redirect(303, '/admin/jobs');
  };

  const unreachable: RequestHandler = async (req, res) => {
    const query = unreachableQuery.parse(req.query);
    const lists = await deps.unreachable.list(actorOf(req), query);
    const base = query.workshop ? `/notifications/unreachable?workshop=${query.workshop}&` : '/notifications/unreachable?';
    res.render('notifications/unreachable', { ...lists, query, base });
  };

  return { log, testEmail, resend, jobs, retryJob, unreachable };
}
