import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import type { Clock } from '../../platform/clock';
import { ValidationError } from '../../platform/errors';
import { flash } from '../../platform/http/flash';
import { parseForm } from '../../platform/http/validate';
import { listWorkshopOptions } from '../workshops';
import type { AssessmentsService } from './assessments.service';
import { canManageCertificates } from './certificates.policy';
import { printedCheckCode } from './check-code';
import { certificateSearch, renewForm, revokeForm, type CertificateSearch } from './certificates.schemas';
import { fileNameOf, type CertificatesService } from './certificates.service';
import { actorOf, formValues, todayOf, wordsFor } from './http-helpers';
import type { IssueService } from './issue.service';
import { schemeOptions } from './options';
import type { PdfCertificate } from './pdf';
import { qrDataUrl, verifyUrl } from './qr';
import { shareLinks } from './share';
import { CERTIFICATE_STATUSES } from './validity';
import { REVOCATION_CATEGORIES } from './certificate.model';

/** A scan as it was stored, with its own content type (PDF, JPEG or PNG); the file name is ASCII-safe (fileNameOf). */
function sendScan(res: Response, file: { contentType: string; filename: string; data: Buffer }, type: 'inline' | 'attachment'): void {
  res.set({ 'Content-Type': file.contentType, 'Content-Disposition': `${type}; filename="${file.filename}"`, 'Cache-Control': 'private, no-store' }).send(file.data);
}

export interface CertificatesControllerDeps {
  certificates: CertificatesService;
  issue: IssueService;
  assessments: AssessmentsService;
  pdf: (c: PdfCertificate, url: string) => Promise<Buffer>;
  clock: Clock;
  appUrl: string;
}

/** The list's address with the search and filters kept: `status` as given (null: none), ready for `page=`. */
function listBase(q: CertificateSearch, status: string | null | undefined = q.status): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'workshop', 'scheme'] as const) if (q[key]) params.set(key, q[key]!);
  if (status) params.set('status', status);
  const s = params.toString();
  return `/certificates?${s ? s + '&' : ''}`;
}

/** Each status count links to that status with the search and the other filters kept. */
const statusLinks = (q: CertificateSearch) => Object.fromEntries(CERTIFICATE_STATUSES.map((s) => [s, listBase(q, s).slice(0, -1)]));

const fileName = (number: string) => number.replace(/\//g, '-');

/** Certificate lists, a certificate's page, its PDF and scan, renewal and revocation, and "My certificates". */
export function certificatesController(d: CertificatesControllerDeps) {
  const list: RequestHandler = async (req, res) => {
    const query = certificateSearch.parse(req.query);
    const actor = actorOf(req);
    const page = await d.certificates.listCertificates(actor, query);
    const manage = canManageCertificates(actor);
    res.render('certificates/list', {
      page, query, canManage: manage, statuses: CERTIFICATE_STATUSES, words: wordsFor(res), pagerBase: listBase(query), statusLinks: statusLinks(query),
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
      revocationCategories: REVOCATION_CATEGORIES,
      trail: await d.certificates.trailOf(actor, cert.id),
      renewalAssessments: manage ? await d.assessments.openAssessmentsOf(cert.workerId, cert.schemeId) : [],
      url: verifyUrl(d.appUrl, cert.verifyCode),
      checkCode: printedCheckCode(cert.verifyCode),
      words: wordsFor(res),
      errors,
      values: { issueDate: todayOf(d.clock), ...values },
    });
  };

  const show: RequestHandler = (req, res) => renderShow(req, res);

  /** A history entry is another body's certificate: its download is the stored scan, never one drawn in our design. */
  const pdf: RequestHandler = async (req, res) => {
    const cert = await d.certificates.getCertificate(actorOf(req), String(req.params.id));
    if (cert.external) return sendScan(res, await d.certificates.getScan(actorOf(req), cert.id), 'inline');
    const body = await d.pdf({ ...cert, checkCode: printedCheckCode(cert.verifyCode) }, verifyUrl(d.appUrl, cert.verifyCode));
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${fileName(cert.number)}.pdf"`, 'Cache-Control': 'private, no-store' });
    res.send(body);
  };

  const scan: RequestHandler = async (req, res) => {
    sendScan(res, await d.certificates.getScan(actorOf(req), String(req.params.id)), 'attachment');
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
    const form = parseForm(revokeForm, req.body);
    await d.issue.revoke(actorOf(req), String(req.params.id), form.reason, form.category);
    return String(req.params.id);
  }, 'certificates:revoke.done');

  const shareOf = (res: Response, schemeName: string, url: string) => shareLinks(url, (res.locals.t as TFunction)('certificates:share.text', { scheme: schemeName }));

  const my: RequestHandler = async (req, res) => {
    const rows = await d.certificates.myCertificates(actorOf(req));
    const items = await Promise.all(rows.map(async (r) => {
      const url = verifyUrl(d.appUrl, r.verifyCode);
      return { ...r, url, checkCode: printedCheckCode(r.verifyCode), qr: await qrDataUrl(url), share: shareOf(res, r.schemeName, url) };
    }));
    res.render('certificates/my', { items, words: wordsFor(res) });
  };

  /** The card a worker shows at a workshop gate or to an auditor: kept on the phone for use with no signal. */
  const card: RequestHandler = async (req, res) => {
    // Read as a worker only, even by an account that also coordinates: a card is of one's own certificate.
    const asHolder = { ...actorOf(req), roles: ['worker' as const] };
    const cert = await d.certificates.getCertificate(asHolder, String(req.params.id));
    const url = verifyUrl(d.appUrl, cert.verifyCode);
    res.render('certificates/card', {
      cert, url, qr: await qrDataUrl(url), share: shareOf(res, cert.schemeName, url),
      checkCode: cert.external ? null : printedCheckCode(cert.verifyCode), words: wordsFor(res),
    });
  };

  return { list, forWorker, show, pdf, scan, renew, revoke, my, card };
}
