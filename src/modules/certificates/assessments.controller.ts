import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../platform/clock';
import { ValidationError } from '../../platform/errors';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { assessmentFormContext, type AssessmentsService } from './assessments.service';
import { assessmentForm, assessmentSearch, issueForm, prefillQuery } from './certificates.schemas';
import { actorOf, formValues, todayOf } from './http-helpers';
import type { IssueService } from './issue.service';

/** Certification assessments: list, form (choose the scheme, then K/BK per unit), page, issuing (coordinators and admins). */
export function assessmentsController(service: AssessmentsService, issue: IssueService, clock: Clock) {
  const list: RequestHandler = async (req, res) => {
    const { page } = assessmentSearch.parse(req.query);
    res.render('certificates/assessments', { page: await service.listAssessments(actorOf(req), page) });
  };

  const showNew: RequestHandler = async (req, res) => {
    const q = prefillQuery.parse(req.query);
    const context = await assessmentFormContext(q.scheme, req.lng);
    res.render('certificates/assessment-form', { ...context, values: { scheme: context.chosenScheme, worker: q.worker ?? '', date: todayOf(clock) } });
  };

  const create: RequestHandler = async (req, res) => {
    const scheme = typeof req.body?.scheme === 'string' ? req.body.scheme : undefined;
    await handleForm(res, 'certificates/assessment-form', await assessmentFormContext(scheme, req.lng), formValues(req.body), async () => {
      const id = await service.recordAssessment(actorOf(req), parseForm(assessmentForm, req.body));
      flash(req, 'success', 'certificates:assessments.created');
      res.redirect(303, `/certificates/assessments/${id}`);
    });
  };

  const renderShow = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}, values: Record<string, unknown> = {}) => {
    const assessment = await service.getAssessment(actorOf(req), String(req.params.id), req.lng);
    res.status(status).render('certificates/assessment', { assessment, errors, values: { issueDate: todayOf(clock), ...values } });
  };

  const show: RequestHandler = (req, res) => renderShow(req, res);

  const issueCertificate: RequestHandler = async (req, res) => {
    try {
      const id = await issue.issueFromAssessment(actorOf(req), String(req.params.id), parseForm(issueForm, req.body));
      flash(req, 'success', 'certificates:issue.done');
      res.redirect(303, `/certificates/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderShow(req, res, 422, err.fields, formValues(req.body));
    }
  };

  return { list, showNew, create, show, issueCertificate };
}
