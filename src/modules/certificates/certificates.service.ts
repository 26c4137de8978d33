import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { User } from '../accounts';
import type { AuditRow, AuditService } from '../audit';
import { Worker, findWorkerIdByUser } from '../workers';
import { workshopNames } from '../workshops';
import { Certificate } from './certificate.model';
import { CertificateScan } from './certificate-scan.model';
import { canManageCertificates, inScope, listWorkshopScope, readScope } from './certificates.policy';
import type { CertificateSearch } from './certificates.schemas';
import { numberOf, revocationOf, successorOf, toPublic, toRow, unitsOf, type CertificateDetail, type CertificateRow, type ChainLink, type LeanCertificate, type PublicCertificate } from './certificate.view';
import { evidenceOf, statesOf } from './evidence';
import { isId, oid } from './options';
import { certificateStatus, CERTIFICATE_STATUSES, type CertificateStatus } from './validity';
import { VERIFY_CODE } from './certificates.schemas';
import { checkCodeMatches, normaliseCheckCode, normaliseNumber } from './check-code';
import { certificateOfNumber } from './numbering';
import { workerCertificates } from './worker-certificates.read-model';
import { certificateListing, certificateOfCode } from './certificate-list.cache';

export const CERTIFICATE_PAGE_SIZE = 25;

export interface CertificatePage {
  items: CertificateRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  /** How many of the matching certificates (before the status filter) are in each status. */
  counts: Record<CertificateStatus, number>;
  /** Of `counts`, those renewed (superseded): the reports leave them out and say how many. */
  renewed: Record<CertificateStatus, number>;
}

/** Reading certificates: lists, a certificate's page, the holder's own, the scan, public verification. */
export class CertificatesService {
  constructor(private readonly deps: { clock: Clock; audit: AuditService }) {}

  /**
   * Certificates matching the search, newest issue first, a page at a time (a page past the last
   * shows the last). Status is computed, not stored, so the filters, the counts and the paging run
   * in TypeScript over the process copies of certificate-list.cache.ts: a request reads a few
   * documents by `_id` (the copies' stamps) and the page's workshop names, however many certificates
   * there are. Managers see their workshop's workers only.
   */
  async listCertificates(actor: Actor, search: CertificateSearch): Promise<CertificatePage> {
    const workshop = listWorkshopScope(actor) ?? search.workshop;
    const q = search.q?.toLowerCase();
    const { rows, states, workshopOf } = await certificateListing(this.deps.clock.now());
    const counts = Object.fromEntries(CERTIFICATE_STATUSES.map((s) => [s, 0])) as Record<CertificateStatus, number>;
    const renewed = Object.fromEntries(CERTIFICATE_STATUSES.map((s) => [s, 0])) as Record<CertificateStatus, number>;
    const matching: number[] = [];
    rows.forEach((r, i) => {
      if (workshop && workshopOf(r.worker) !== workshop) return;
      if (search.scheme && r.scheme !== search.scheme) return;
      if (q && !r.text.some((t) => t.includes(q))) return;
      const status = states[i]!.status;
      counts[status]++;
      if (r.c.renewedBy) renewed[status]++;
      if (!search.status || status === search.status) matching.push(i);
    });
    const pages = Math.max(1, Math.ceil(matching.length / CERTIFICATE_PAGE_SIZE));
    const page = Math.min(search.page, pages);
    const onPage = matching.slice((page - 1) * CERTIFICATE_PAGE_SIZE, page * CERTIFICATE_PAGE_SIZE);
    const names = await workshopNames([...new Set(onPage.map((i) => workshopOf(rows[i]!.worker)).filter(isId))]);
    return {
      items: onPage.map((i) => toRow(rows[i]!.c, states[i]!, names.get(workshopOf(rows[i]!.worker)) ?? '')),
      total: matching.length,
      page,
      pages,
      pageSize: CERTIFICATE_PAGE_SIZE,
      counts,
      renewed,
    };
  }

  /**
   * One worker's certificates (coordinators, admins, the worker's manager).
   * @throws NotFoundError for an unknown worker or one outside the manager's workshop
   */
  async listForWorker(actor: Actor, workerId: string): Promise<{ worker: { id: string; name: string; workshopName: string }; items: CertificateRow[] }> {
    const scope = listWorkshopScope(actor);
    const w = isId(workerId) ? await Worker.findById(workerId, { name: 1, workshop: 1 }).lean() : null;
    if (!w || (scope && String(w.workshop) !== scope)) throw new NotFoundError();
    const workshopName = (await workshopNames([String(w.workshop)])).get(String(w.workshop)) ?? '';
    return { worker: { id: String(w._id), name: w.name, workshopName }, items: await this.rowsOfWorker(String(w._id), workshopName) };
  }

  /** The signed-in worker's own certificates. @throws NotFoundError('no_worker_record') without a linked worker record */
  async myCertificates(actor: Actor): Promise<CertificateRow[]> {
    const workerId = await findWorkerIdByUser(actor.id);
    if (!workerId) throw new NotFoundError('no_worker_record');
    return this.rowsOfWorker(workerId, '');
  }

  /**
   * A certificate's page: state, renewal chain, revocation; the audit trail for coordinators and
   * admins. @throws NotFoundError when unknown or not the actor's to see (a worker: their own; a
   * manager: their workshop's), so others cannot even learn that it exists.
   */
  async getCertificate(actor: Actor, id: string): Promise<CertificateDetail> {
    const c = await this.readable(actor, id);
    const evidence = (await evidenceOf([c.worker])).get(String(c.worker)) ?? [];
    const now = this.deps.clock.now();
    const state = certificateStatus(c, evidence, now);
    const shops = await this.workshopsOf([c.worker]);
    const revokedBy = c.revokedBy ? await User.findById(c.revokedBy, { name: 1 }).lean() : null;
    const chain = await this.chainOf(c);
    const next = chain.find((link) => link.id === String(c.renewedBy ?? ''));
    return {
      ...toRow(c, state, shops.get(String(c.worker)) ?? '', successorOf(next?.facts)),
      schemeId: String(c.scheme),
      issuingBody: c.issuingBody as CertificateDetail['issuingBody'],
      trade: c.trade,
      units: unitsOf(c),
      source: c.source,
      originalNumber: c.originalNumber ?? '',
      hasScan: !!c.scan,
      assessmentId: c.assessment ? String(c.assessment) : null,
      // The free-text reason is internal (it may name people or evidence): only managers read it.
      revoked: c.revokedAt ? { at: c.revokedAt, byName: revokedBy?.name ?? '', reason: canManageCertificates(actor) ? (c.revocationReason ?? '') : '', category: revocationOf(c)!.category } : null,
      renews: c.renews ? String(c.renews) : null,
      renewedBy: c.renewedBy ? String(c.renewedBy) : null,
      chain: chain.map(({ facts, ...link }) => ({ ...link, state: certificateStatus(facts, evidence, now), current: link.id === String(c._id) })),
    };
  }

  /** The audit trail of a certificate, newest first: for coordinators and admins, empty for others. */
  async trailOf(actor: Actor, id: string): Promise<AuditRow[]> {
    if (!canManageCertificates(actor)) return [];
    return this.deps.audit.trailOf(id);
  }

  /** The scan of a certificate entered from history. @throws NotFoundError as getCertificate, or without a scan */
  async getScan(actor: Actor, id: string): Promise<{ contentType: string; filename: string; data: Buffer }> {
    const c = await this.readable(actor, id);
    // Not lean: a hydrated document gives the bytes as a Buffer rather than a BSON Binary.
    const scan = c.scan ? await CertificateScan.findById(c.scan) : null;
    if (!scan) throw new NotFoundError();
    return { contentType: scan.contentType, filename: `${fileNameOf(numberOf(c))}-scan.${extensionOf(scan.contentType)}`, data: Buffer.from(scan.data) };
  }

  /** Public verification by the long random code: null when unknown (or not even shaped like a code). */
  async verify(code: string): Promise<PublicCertificate | null> {
    if (!VERIFY_CODE.test(code)) return null;
    // Not a filter on `verifyCode`: FerretDB would decode certificates up to the match (certificate-list.cache.ts).
    const c = await certificateOfCode(code);
    if (!c) return null;
    const evidence = (await evidenceOf([c.worker])).get(String(c.worker)) ?? [];
    const next = c.renewedBy ? ((await Certificate.findById(c.renewedBy, { number: 1, source: 1, originalNumber: 1, verifyCode: 1 }).lean()) as LeanCertificate | null) : null;
    return toPublic(c, certificateStatus(c, evidence, this.deps.clock.now()), successorOf(next));
  }

  /**
   * Public verification from paper: the printed number with its printed check code. Null when the
   * number is unknown, the check code is missing or wrong — one answer for all, so the number alone
   * (sequential, easy to enumerate) reveals nothing. Both paths read two documents by `_id`.
   */
  async verifyByNumber(number: string, checkCode: string): Promise<PublicCertificate | null> {
    const canonical = normaliseNumber(number);
    const typed = normaliseCheckCode(checkCode);
    const id = canonical ? await certificateOfNumber(canonical) : null;
    const c = await Certificate.findById(id ?? new Types.ObjectId(), { verifyCode: 1 }).lean();
    if (!c || !typed || !checkCodeMatches(c.verifyCode, typed)) return null;
    return this.verify(c.verifyCode);
  }

  /** The certificate when the actor may read it. @throws NotFoundError otherwise */
  async readable(actor: Actor, id: string): Promise<LeanCertificate> {
    const scope = readScope(actor);
    const c = isId(id) ? ((await Certificate.findById(id).lean()) as LeanCertificate | null) : null;
    if (!c) throw new NotFoundError();
    if (scope.kind !== 'all') {
      const holder = await Worker.findById(c.worker, { workshop: 1, user: 1 }).lean();
      if (!inScope(scope, holder)) throw new NotFoundError();
    }
    return c;
  }

  private async rowsOfWorker(workerId: string, workshopName: string): Promise<CertificateRow[]> {
    // The holder's read model, one point read (a filter on worker would decode every certificate on
    // FerretDB); newest first, as `.sort({ issueDate: -1, _id: -1 })`.
    const certs = (await workerCertificates.get(workerId)).certificates;
    const states = await statesOf(certs, this.deps.clock.now());
    // A renewal is the same holder's: its successor is in this list (no query per certificate).
    const byId = new Map(certs.map((c) => [String(c._id), c]));
    return certs.map((c, i) => toRow(c, states[i]!, workshopName, successorOf(c.renewedBy ? byId.get(String(c.renewedBy)) : null)));
  }

  /** The renewal chain through this certificate, oldest first (chains are short: a query per link). */
  private async chainOf(c: LeanCertificate): Promise<(Omit<ChainLink, 'state' | 'current'> & { facts: LeanCertificate })[]> {
    const link = (x: LeanCertificate) => ({ id: String(x._id), number: numberOf(x), issueDate: x.issueDate, facts: x });
    const before: LeanCertificate[] = [];
    const seen = new Set([String(c._id)]);
    for (let x = c; x.renews && !seen.has(String(x.renews)); ) {
      const prev = (await Certificate.findById(x.renews).lean()) as LeanCertificate | null;
      if (!prev) break;
      seen.add(String(prev._id));
      before.unshift(prev);
      x = prev;
    }
    const after: LeanCertificate[] = [];
    for (let x = c; x.renewedBy && !seen.has(String(x.renewedBy)); ) {
      const next = (await Certificate.findById(x.renewedBy).lean()) as LeanCertificate | null;
      if (!next) break;
      seen.add(String(next._id));
      after.push(next);
      x = next;
    }
    return before.length + after.length === 0 ? [] : [...before, c, ...after].map(link);
  }

  private async workshopsOf(workerIds: readonly unknown[]): Promise<Map<string, string>> {
    const ids = [...new Set(workerIds.map(String))].filter(isId);
    if (ids.length === 0) return new Map();
    const workers = await Worker.find({ _id: trusted({ $in: ids.map(oid) }) }, { workshop: 1 }).lean();
    const names = await workshopNames([...new Set(workers.map((w) => String(w.workshop)))]);
    return new Map(workers.map((w) => [String(w._id), names.get(String(w.workshop)) ?? '']));
  }
}

/** A number as a file name: anything but letters, digits, dots and dashes becomes a dash (original numbers are free text). */
export const fileNameOf = (number: string) => number.replace(/[^A-Za-z0-9.-]+/g, '-');

function extensionOf(contentType: string): string {
  return contentType === 'application/pdf' ? 'pdf' : contentType === 'image/png' ? 'png' : 'jpg';
}
