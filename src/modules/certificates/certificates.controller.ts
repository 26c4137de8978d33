import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../platform/clock';
import { ValidationError } from '../../platform/errors';
import { flash } from '../../platform/http/flash';
import { parseForm } from '../../platform/http/validate';
import { listWorkshopOptions } from '../workshops';
import type { AssessmentsService } from './assessments.service';
import { canManageCertificates } from './certificates.policy';
import { certificateSearch, renewForm, revokeForm, type CertificateSearch } from './certificates.schemas';
import type { CertificatesService } from './certificates.service';
import { actorOf, formValues, todayOf, wordsFor } from './http-helpers';
import type { IssueService } from './issue.service';
import { schemeOptions } from './options';
import type { PdfCertificate } from './pdf';
import { qrDataUrl, verifyUrl } from './qr';
import { CERTIFICATE_STATUSES } from './validity';

export interface CertificatesControllerDeps {
  certificates: CertificatesService;
  issue: IssueService;
  assessments: AssessmentsService;
  pdf: (c: PdfCertificate, url: string) => Promise<Buffer>;
  clock: Clock;
  appUrl: string;
}

function pagerBase(q: CertificateSearch): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'status', 'workshop', 'scheme'] as const) if (q[key]) params.set(key, q[key]!);
  const s = params.toString();
  return `/certificates?${s ? s + '&' : ''}`;
}

const fileName = (number: string) => number.replace(/\//g, '-');

/** Certificate lists, a certificate's page, its PDF and scan, renewal and revocation, and "My certificates". */
export function certificatesController(d: CertificatesControllerDeps) {
  const list: RequestHandler = async (req, res) => {
    const query = certificateSearch.parse(req.query);
    const actor = actorOf(req);
    const page = await d.certificates.listCertificates(actor, query);
    const manage = canManageCertificates(actor);
    res.render('certificates/list', {
      page, query, canManage: manage, statuses: CERTIFICATE_STATUSES, words: wordsFor(res), pagerBase: pagerBase(query),
      workshops: manage ? await listWorkshopOptions() : [],
      schemes: await schemeOptions(true),
    });
  };

  const forWorker: RequestHandler = async (req, res) => {
    const actor = actorOf(req);
    const view = await d.certificates.listForWorker(actor, String(req.params.id));
    res.render('certificates/worker', { ...view, canManage: canManageCertificates(actor), words: wordsFor(res) });
  };

  const renderShow = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}, values: Record<string, unknown> = {}) => {
    const actor = actorOf(req);
    const cert = await d.certificates.getCertificate(actor, String(req.params.id));
    const manage = canManageCertificates(actor);
    res.status(status).render('certificates/show', {
      cert,
      canManage: manage,
      trail: await d.certificates.trailOf(actor, cert.id),
      renewalAssessments: manage ? await d.assessments.openAssessmentsOf(cert.workerId, cert.schemeId) : [],
      url: verifyUrl(d.appUrl, cert.verifyCode),
      words: wordsFor(res),
      errors,
      values: { issueDate: todayOf(d.clock), ...values },
    });
  };

  const show: RequestHandler = (req, res) => renderShow(req, res);

  const pdf: RequestHandler = async (req, res) => {
    const cert = await d.certificates.getCertificate(actorOf(req), String(req.params.id));
    const body = await d.pdf(cert, verifyUrl(d.appUrl, cert.verifyCode));
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${fileName(cert.number)}.pdf"`, 'Cache-Control': 'private, no-store' });
    res.send(body);
  };

  const scan: RequestHandler = async (req, res) => {
    const file = await d.certificates.getScan(actorOf(req), String(req.params.id));
    res.set({ 'Content-Type': file.contentType, 'Cache-Control': 'private, no-store' }).attachment(file.filename).send(file.data);
  };

  /** Renewal and revocation re-render the certificate page with 422 on a problem. */
  const onPage = (work: (req: Request) => Promise<string>, done: string): RequestHandler => async (req, res) => {
    try {
      const id = await work(req);
      flash(req, 'success', done);
      res.redirect(303, `/certificates/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderShow(req, res, 422, err.fields, formValues(req.body));
    }
  };

  const renew = onPage((req) => d.issue.renew(actorOf(req), String(req.params.id), parseForm(renewForm, req.body)), 'certificates:renew.done');
  const revoke = onPage(async (req) => {
    await d.issue.revoke(actorOf(req), String(req.params.id), parseForm(revokeForm, req.body).reason);
    return String(req.params.id);
  }, 'certificates:revoke.done');

  const my: RequestHandler = async (req, res) => {
    const rows = await d.certificates.myCertificates(actorOf(req));
    const items = await Promise.all(rows.map(async (r) => {
      const url = verifyUrl(d.appUrl, r.verifyCode);
      return { ...r, url, qr: await qrDataUrl(url) };
    }));
    res.render('certificates/my', { items, words: wordsFor(res) });
  };

  return { list, forWorker, show, pdf, scan, renew, revoke, my };
}
