import { randomBytes } from 'node:crypto';
import { Types, trusted } from 'mongoose';
import { hasRole, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { wibParts } from '../../platform/time';
import { Certificate, CertificationScheme, verifyUrl, type CertificateStatus } from '../certificates';
import { ContinuityEntry } from '../continuity';
import { Worker } from '../workers';
import { Workshop, displayName } from '../workshops';
import { statusAt, type REvidence } from './metrics';
import { reportWorkshop } from './reports.policy';
import { IssuedStatement, allocateStatementNumber } from './statement.model';
import { groupItems, isLoopbackUrl, totalsOf, type CapabilityGroup, type CapabilityItem, type CapabilityTotal } from './statement.view';

export type { CapabilityGroup, CapabilityRow, CapabilityScheme, CapabilityTotal } from './statement.view';

export interface StatementCompany { id: string; name: string; owner: string; unit: string; products: string; phone: string; email: string; contact: string; signatoryName: string; signatoryTitle: string }
export interface CapabilityStatement {
  workshop: StatementCompany;
  asOf: Date;
  workers: number;
  certifiedWorkers: number;
  groups: CapabilityGroup[];
  totals: CapabilityTotal[];
  /** Set once issued: the printed number, and the public verification link of the statement. */
  number: string | null;
  statementUrl: string | null;
}
/** A listed certificate as it stands today, for the public page of an issued statement. */
export interface CurrentState { status: CertificateStatus; validUntil: string | null; renewed: boolean; validToday: boolean }
export interface VerifiedStatement { statement: CapabilityStatement; current: Record<string, CurrentState>; now: Date }

/** The random code of a statement's verification link (144 bits, like a certificate's). */
const CODE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const certProjection = { worker: 1, holderName: 1, scheme: 1, schemeName: 1, kkniLevel: 1, issuingBody: 1, trade: 1, number: 1, verifyCode: 1, issueDate: 1, validity: 1, revokedAt: 1, renewedBy: 1 } as const;

/** The public verification link of an issued statement: from APP_URL, never from a request. */
export function statementUrl(appUrl: string, code: string): string {
  return `${appUrl.replace(/\/+$/, '')}/verify/statement/${encodeURIComponent(code)}`;
}

async function evidenceOf(workerIds: readonly Types.ObjectId[]): Promise<Map<string, REvidence[]>> {
  const evidence = new Map<string, REvidence[]>();
  if (workerIds.length === 0) return evidence;
  const entries = await ContinuityEntry.find({ worker: trusted({ $in: workerIds }) }, { worker: 1, process: 1, date: 1, kind: 1 }).lean();
  for (const e of entries) {
    const list = evidence.get(String(e.worker)) ?? [];
    list.push({ process: e.process, date: e.date, kind: e.kind });
    evidence.set(String(e.worker), list);
  }
  return evidence;
}

/**
 * The supplier capability statement of one workshop: its active workers' certificates that are
 * valid today (or expiring, still valid), grouped by process and scheme, each with its public
 * verification link (absolute, from APP_URL). Revoked, lapsed, expired and renewed-away
 * certificates are left out: this is what a buyer or auditor may rely on today. Issuing one gives
 * it a number and stores it as issued, with a public page of its own.
 */
export class CapabilityService {
  constructor(private readonly deps: { clock: Clock; appUrl: string; isProduction: boolean }) {}

  /** Why the statement may not be issued here, as a translation key, or null. */
  appUrlProblem(): 'errors:capability_local_app_url' | null {
    return this.deps.isProduction && isLoopbackUrl(this.deps.appUrl) ? 'errors:capability_local_app_url' : null;
  }

  /** True when QR codes would point at this machine (the page warns; production refuses to issue). */
  appUrlIsLocal(): boolean {
    return isLoopbackUrl(this.deps.appUrl);
  }

  /** Null when a coordinator or admin has not chosen a workshop; a manager always gets their own. NotFoundError for an unknown workshop. */
  async statement(actor: Actor, requested: string | undefined): Promise<CapabilityStatement | null> {
    const id = reportWorkshop(actor, requested);
    if (!id) return null;
    return this.build(id);
  }

  /**
   * Issues the statement of a workshop: a number (an insert under a unique key, so concurrent issues
   * never share one), a random verification code, and the statement stored as issued.
   * Only coordinators and the workshop's own manager issue. @returns the verification code.
   * @throws ForbiddenError for anyone else, ValidationError without a workshop, NotFoundError for an
   * unknown one, ConflictError when APP_URL is a loopback address in production (the QR codes would
   * open nothing).
   */
  async issue(actor: Actor, requested: string | undefined): Promise<string> {
    const id = hasRole(actor, 'coordinator') ? requested : hasRole(actor, 'manager') ? actor.workshopId : undefined;
    if (!hasRole(actor, 'coordinator', 'manager')) throw new ForbiddenError();
    if (!id) throw hasRole(actor, 'coordinator') ? new ValidationError({ workshop: 'validation.required' }) : new ForbiddenError();
    if (this.appUrlProblem()) throw new ConflictError('capability_local_app_url');
    const s = await this.build(id);
    const now = s.asOf;
    const number = await allocateStatementNumber(Number(wibParts(now).date.slice(0, 4)), now);
    const code = randomBytes(18).toString('base64url');
    const items = s.groups.flatMap((g) => g.schemes.flatMap((sc) => sc.rows.map(({ verifyUrl: _url, certificateId, ...r }) => ({ ...r, certificate: new Types.ObjectId(certificateId) }))));
    const { id: _id, owner: _owner, ...company } = s.workshop;
    await IssuedStatement.create({ _id: code, number, workshop: new Types.ObjectId(id), issuedBy: new Types.ObjectId(actor.id), issuedAt: now, company, workers: s.workers, certifiedWorkers: s.certifiedWorkers, items });
    return code;
  }

  /** An issued statement for its PDF, to those who see its workshop's reports. @throws NotFoundError, ForbiddenError */
  async issued(actor: Actor, code: string): Promise<CapabilityStatement> {
    const doc = CODE_PATTERN.test(code) ? await IssuedStatement.findById(code).lean() : null;
    if (!doc) throw new NotFoundError();
    if (reportWorkshop(actor, String(doc.workshop)) !== String(doc.workshop)) throw new ForbiddenError();
    return this.fromStored(doc);
  }

  /**
   * The public view of an issued statement (no login): the statement as issued, and for each listed
   * certificate whether it is still valid today. Null for an unknown or malformed code.
   */
  async verify(code: string): Promise<VerifiedStatement | null> {
    const doc = CODE_PATTERN.test(code) ? await IssuedStatement.findById(code).lean() : null;
    if (!doc) return null;
    const now = this.deps.clock.now();
    // Parallel reads by _id: on FerretDB the only indexed lookup (an $in would scan certificates).
    const certs = (await Promise.all(doc.items.map((it) => Certificate.findById(it.certificate, certProjection).lean()))).filter((c) => c !== null);
    const evidence = await evidenceOf(certs.filter((c) => c.validity?.process).map((c) => c.worker));
    const current: Record<string, CurrentState> = {};
    for (const c of certs) {
      const st = statusAt({ id: String(c._id), workerId: String(c.worker), holderName: c.holderName, schemeName: c.schemeName, number: c.number, verifyCode: c.verifyCode, trade: c.trade, kkniLevel: c.kkniLevel, issuingBody: '', issueDate: c.issueDate, validity: { kind: c.validity?.kind ?? 'indefinite', years: c.validity?.years ?? null, process: c.validity?.process ?? null }, revokedAt: c.revokedAt ?? null, renewed: false }, evidence.get(String(c.worker)) ?? [], now);
      current[c.number] = { status: st.status, validUntil: st.validUntil, renewed: Boolean(c.renewedBy), validToday: st.status === 'valid' || st.status === 'expiring' };
    }
    return { statement: this.fromStored(doc), current, now };
  }

  private fromStored(doc: { _id: string; number: string; issuedAt: Date; workshop: Types.ObjectId; company?: object | null; workers: number; certifiedWorkers: number; items: readonly { certificate: Types.ObjectId }[] }): CapabilityStatement {
    const c = (doc.company ?? {}) as Record<string, string | undefined>;
    // Stored items are CapabilityItems less the id (statement.model.ts); the status is one of the
    // certificate statuses it was issued with.
    const items = doc.items.map(({ certificate, ...it }) => ({ ...(it as Omit<CapabilityItem, 'certificateId'>), certificateId: String(certificate) }));
    const groups = groupItems(items, (vc) => verifyUrl(this.deps.appUrl, vc));
    return {
      workshop: { id: String(doc.workshop), name: c.name ?? '', owner: '', unit: c.unit ?? '', products: c.products ?? '', phone: c.phone ?? '', email: c.email ?? '', contact: c.contact ?? '', signatoryName: c.signatoryName ?? '', signatoryTitle: c.signatoryTitle ?? '' },
      asOf: doc.issuedAt,
      workers: doc.workers,
      certifiedWorkers: doc.certifiedWorkers,
      groups,
      totals: totalsOf(groups),
      number: doc.number,
      statementUrl: statementUrl(this.deps.appUrl, doc._id),
    };
  }

  private async build(id: string): Promise<CapabilityStatement> {
    const ws = Types.ObjectId.isValid(id) ? await Workshop.findOne({ _id: new Types.ObjectId(id) }, { name: 1, legalForm: 1, owner: 1, unit: 1, products: 1, phone: 1, email: 1, contact: 1, signatoryName: 1, signatoryTitle: 1 }).lean() : null;
    if (!ws) throw new NotFoundError();
    const now = this.deps.clock.now();
    const workers = await Worker.find({ workshop: ws._id, active: true }, { _id: 1 }).lean();
    const ids = workers.map((w) => w._id);
    const [certs, evidence] = await Promise.all([Certificate.find({ worker: trusted({ $in: ids }), renewedBy: null }, certProjection).lean(), evidenceOf(ids)]);
    const schemeIds = [...new Set(certs.map((c) => String(c.scheme)))];
    const schemes = await Promise.all(schemeIds.map((sid) => CertificationScheme.findById(sid, { nameEn: 1 }).lean()));
    const english = new Map(schemes.filter((s) => s !== null).map((s) => [String(s._id), (s as { nameEn?: string | null }).nameEn ?? '']));
    const items: CapabilityItem[] = [];
    const holders = new Set<string>();
    for (const c of certs) {
      if (c.issueDate.getTime() > now.getTime()) continue;
      const validity = { kind: c.validity?.kind ?? 'indefinite', years: c.validity?.years ?? null, process: c.validity?.process ?? null };
      const st = statusAt({ id: String(c._id), workerId: String(c.worker), holderName: c.holderName, schemeName: c.schemeName, number: c.number, verifyCode: c.verifyCode, trade: c.trade, kkniLevel: c.kkniLevel, issuingBody: '', issueDate: c.issueDate, validity, revokedAt: c.revokedAt ?? null, renewed: false }, evidence.get(String(c.worker)) ?? [], now);
      if (st.status !== 'valid' && st.status !== 'expiring') continue;
      holders.add(String(c.worker));
      items.push({ certificateId: String(c._id), holderName: c.holderName, number: c.number, verifyCode: c.verifyCode, schemeName: c.schemeName, schemeNameEn: english.get(String(c.scheme)) ?? '', kkniLevel: c.kkniLevel, issuingBody: c.issuingBody?.name ?? '', trade: c.trade, process: validity.process, issueDate: wibParts(c.issueDate).date, validUntil: st.validUntil, status: st.status });
    }
    const groups = groupItems(items, (vc) => verifyUrl(this.deps.appUrl, vc));
    return {
      workshop: { id: String(ws._id), name: displayName(ws), owner: ws.owner ?? '', unit: ws.unit ?? '', products: ws.products ?? '', phone: ws.phone ?? '', email: ws.email ?? '', contact: ws.contact ?? '', signatoryName: ws.signatoryName ?? '', signatoryTitle: ws.signatoryTitle ?? '' },
      asOf: now,
      workers: workers.length,
      certifiedWorkers: holders.size,
      groups,
      totals: totalsOf(groups),
      number: null,
      statementUrl: null,
    };
  }
}
