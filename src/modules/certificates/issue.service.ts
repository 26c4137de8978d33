import { randomBytes } from 'node:crypto';
import { trusted, type Types } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AlreadyDoneError, claimOnce, releaseClaim, runOnce } from '../../platform/db/claims';
import { NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import { wibParts, wibToUtc } from '../../platform/time';
import type { AuditService } from '../audit';
import type { Trade } from '../catalogue';
import { Worker } from '../workers';
import { CertificationAssessment, allCompetent } from './assessment.model';
import { Certificate, type CertificateDoc, type RevocationCategory } from './certificate.model';
import { CertificateScan, MAX_SCAN_BYTES, type ScanType } from './certificate-scan.model';
import type { LeanCertificate } from './certificate.view';
import { assertCanManage } from './certificates.policy';
import type { HistoryInput, RenewInput } from './certificates.schemas';
import { allocateNumber, linkNumber } from './numbering';
import { isId, oid, unitSnapshots } from './options';
import { detectScanType, nameMatchesType } from './scan';
import { markRevocationsChanged } from './status-list';
import { CertificationScheme } from './scheme.model';
import { ruleOf } from './schemes.service';
import { certificatesChanged } from './worker-certificates.read-model';

type SchemeDoc = NonNullable<Awaited<ReturnType<typeof loadScheme>>>;
type UnitSnapshot = Awaited<ReturnType<typeof unitSnapshots>>[number];
const loadScheme = (id: string) => CertificationScheme.findById(id).lean();

/** A scheme's issuing body as a certificate copies it. */
const bodyOf = (s: { issuingBody?: { kind: string; name: string } | null }) => ({ kind: s.issuingBody?.kind ?? 'internal', name: s.issuingBody?.name ?? '' });

/** What a certificate copies from its holder and scheme when it is made (issued or entered from history). */
const holderAndScheme = (worker: { _id: Types.ObjectId; name: string }, scheme: SchemeDoc) => ({
  worker: worker._id,
  holderName: worker.name,
  scheme: scheme._id,
  schemeName: scheme.name,
  kkniLevel: scheme.kkniLevel,
  issuingBody: bodyOf(scheme),
  trade: scheme.trade,
});

/** The long random token of the public verification link (192 bits, 32 base64url characters). */
export const newVerifyCode = () => randomBytes(24).toString('base64url');

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
}

/** Without `number` the certificate gets the next TKR number; a history entry brings its own (the original's). */
type NewCertificate = Omit<LeanCertificate, '_id' | 'number' | 'verifyCode'> & { issuedBy: Types.ObjectId; verifyCode?: string; number?: string };

/**
 * Writing certificates: issue from an assessment with every unit K, entry from history with a scan,
 * renewal, revocation. Each is recorded in the audit trail.
 */
export class IssueService {
  constructor(private readonly deps: { clock: Clock; audit: AuditService }) {}

  /**
   * Issues the certificate of an assessment, on `issueDate` (not before the assessment, not in the future).
   * @throws NotFoundError for an unknown assessment; ValidationError when a unit is BK, a certificate
   * was already issued from it, or the date is wrong
   */
  async issueFromAssessment(actor: Actor, assessmentId: string, input: { issueDate: string }): Promise<string> {
    assertCanManage(actor);
    const a = isId(assessmentId) ? await CertificationAssessment.findById(assessmentId).lean() : null;
    if (!a) throw new NotFoundError();
    if (!allCompetent(a.outcomes)) throw new ValidationError({ _form: 'certificates:issue.not_all_k' });
    if (await Certificate.exists({ assessment: a._id })) throw new ValidationError({ _form: 'certificates:issue.already_issued' });
    this.checkIssueDate(input.issueDate, wibParts(a.date).date);
    const [worker, scheme] = await Promise.all([Worker.findById(a.worker, { name: 1 }).lean(), CertificationScheme.findById(a.scheme).lean()]);
    if (!worker || !scheme) throw new NotFoundError();
    const id = await this.create({
      ...holderAndScheme(worker, scheme),
      units: await unitSnapshots(a.outcomes.map((o) => String(o.unit))),
      issueDate: wibToUtc(input.issueDate, '00:00')!,
      validity: ruleOf(scheme.validity),
      source: 'assessment',
      assessment: a._id,
      issuedBy: oid(actor.id),
    });
    await this.deps.audit.record(actor, 'certificate.issue', 'certificate', id.id, { number: id.number, source: 'assessment', assessment: String(a._id) });
    return id.id;
  }

  /**
   * Enters a certificate issued earlier (elsewhere or before this system) with its scan: PDF, JPEG
   * or PNG, at most 5 MB, the type read from the content. Its number is the one printed on it (also
   * kept as `originalNumber`): it takes no TKR number, since it is another body's certificate and we
   * never present it as ours (its "PDF" is the scan). Once per form (`formToken`) and once per
   * holder and original number, both decided by unique-insert claims (FerretDB: nothing else is atomic).
   * @throws ValidationError for a missing, oversized or wrong file, an unknown worker/scheme/unit, a
   * future date, an original number already entered for the holder or carried by another certificate; AlreadyDoneError (with the
   * certificate's id) when this form was saved already
   */
  async enterFromHistory(actor: Actor, input: HistoryInput, file: UploadedFile | undefined): Promise<string> {
    assertCanManage(actor);
    const fields: Record<string, string> = {};
    const type = file ? detectScanType(file.buffer) : null;
    if (!file || file.buffer.length === 0) fields.file = 'certificates:history.file_required';
    else if (file.buffer.length > MAX_SCAN_BYTES) fields.file = 'certificates:history.file_too_large';
    else if (!type) fields.file = 'certificates:history.file_type';
    else if (!nameMatchesType(file.originalname, type)) fields.file = 'certificates:history.file_mismatch';
    const [worker, scheme] = await Promise.all([Worker.findById(input.worker, { name: 1 }).lean(), loadScheme(input.scheme)]);
    if (!worker) fields.worker = 'certificates:validation.worker';
    if (!scheme) fields.scheme = 'certificates:validation.scheme';
    const units = await unitSnapshots(input.units);
    if (units.length !== input.units.length) fields.units = 'certificates:validation.units';
    if (input.issueDate > this.today()) fields.issueDate = 'certificates:validation.future';
    if (Object.keys(fields).length > 0) throw new ValidationError(fields);
    const save = async () => {
      const originalKey = input.originalNumber ? `history-original:${String(worker!._id)}:${input.originalNumber.toUpperCase().replace(/\s+/g, '')}` : null;
      if (originalKey) {
        const taken = !(await claimOnce(originalKey)) || (await Certificate.exists({ worker: worker!._id, originalNumber: input.originalNumber }));
        if (taken) throw new ValidationError({ originalNumber: 'certificates:history.original_taken' });
      }
      try {
        return await this.saveHistoryEntry(actor, input, { worker: worker!, scheme: scheme!, units, type: type!, file: file! });
      } catch (err) {
        if (originalKey) await releaseClaim(originalKey);
        throw err;
      }
    };
    if (!input.formToken) return save();
    const once = await runOnce(`form:history:${input.formToken}`, save);
    if (!once.first) throw new AlreadyDoneError('already_saved', once.result);
    return once.result;
  }

  /** Stores the scan and the certificate (its number included); the scan goes again if the certificate fails. */
  private async saveHistoryEntry(actor: Actor, input: HistoryInput, v: { worker: { _id: Types.ObjectId; name: string }; scheme: SchemeDoc; units: UnitSnapshot[]; type: ScanType; file: UploadedFile }): Promise<string> {
    const { worker, scheme, units, type, file } = v;
    const scan = await CertificateScan.create({ contentType: type, size: file.buffer.length, filename: file.originalname.slice(0, 200), data: file.buffer, uploadedBy: oid(actor.id) });
    let id: { id: string; number: string };
    try {
      id = await this.create({
        ...holderAndScheme(worker, scheme),
        units,
        issueDate: wibToUtc(input.issueDate, '00:00')!,
        validity: ruleOf(scheme.validity),
        source: 'history',
        number: input.originalNumber,
        originalNumber: input.originalNumber,
        scan: scan._id,
        issuedBy: oid(actor.id),
      });
    } catch (err) {
      await CertificateScan.deleteOne({ _id: scan._id });
      throw err;
    }
    await this.deps.audit.record(actor, 'certificate.issue', 'certificate', id.id, { number: id.number, source: 'history', originalNumber: input.originalNumber ?? '' });
    return id.id;
  }

  /**
   * Renews a certificate: a new one for the same holder, scheme, units and rule, linked both ways
   * (`renews`/`renewedBy`), optionally from a new assessment with every unit K. A certificate is
   * renewed once (a unique index makes a concurrent second renewal fail) and never when revoked.
   * @throws NotFoundError; ValidationError when revoked, already renewed, the date or assessment is wrong
   */
  async renew(actor: Actor, id: string, input: RenewInput): Promise<string> {
    assertCanManage(actor);
    const old = isId(id) ? ((await Certificate.findById(id).lean()) as LeanCertificate | null) : null;
    if (!old) throw new NotFoundError();
    if (old.revokedAt) throw new ValidationError({ _form: 'certificates:renew.revoked' });
    if (old.renewedBy) throw new ValidationError({ _form: 'certificates:renew.already' });
    this.checkIssueDate(input.issueDate, wibParts(old.issueDate).date);
    if (input.assessment) {
      const a = await CertificationAssessment.findById(input.assessment).lean();
      const fits = a && String(a.worker) === String(old.worker) && String(a.scheme) === String(old.scheme) && allCompetent(a.outcomes);
      if (!fits || (await Certificate.exists({ assessment: a._id }))) throw new ValidationError({ assessment: 'certificates:renew.assessment' });
    }
    const worker = await Worker.findById(old.worker, { name: 1 }).lean();
    const created = await this.create({
      worker: old.worker,
      holderName: worker?.name ?? old.holderName,
      scheme: old.scheme,
      schemeName: old.schemeName,
      kkniLevel: old.kkniLevel,
      issuingBody: old.issuingBody,
      trade: old.trade,
      units: old.units ?? [],
      issueDate: wibToUtc(input.issueDate, '00:00')!,
      validity: ruleOf(old.validity),
      source: 'renewal',
      assessment: input.assessment ? oid(input.assessment) : undefined,
      renews: old._id,
      issuedBy: oid(actor.id),
    });
    await Certificate.updateOne({ _id: old._id, renewedBy: trusted({ $exists: false }) }, { $set: { renewedBy: oid(created.id) } });
    await certificatesChanged({ workers: [old.worker] });
    await this.deps.audit.record(actor, 'certificate.renew', 'certificate', created.id, { number: created.number, renews: old.number });
    await this.deps.audit.record(actor, 'certificate.renewed', 'certificate', old._id, { number: old.number, renewedBy: created.number });
    return created.id;
  }

  /**
   * Revokes a certificate with a category (public) and a reason (internal), recording who and when. Once only: decided by the claim
   * `revoke:<id>` (a unique insert), since the conditional update alone is not atomic on FerretDB and
   * let parallel revocations each record their own reason; the update still guards legacy data.
   * @throws NotFoundError; ValidationError when already revoked
   */
  async revoke(actor: Actor, id: string, reason: string, category: RevocationCategory = 'other'): Promise<void> {
    assertCanManage(actor);
    const c = isId(id) ? await Certificate.findById(id, { number: 1, worker: 1 }).lean() : null;
    if (!c) throw new NotFoundError();
    const once = await runOnce(`revoke:${String(c._id)}`, async () => {
      const r = await Certificate.updateOne(
        { _id: c._id, revokedAt: trusted({ $exists: false }) },
        { $set: { revokedAt: this.deps.clock.now(), revokedBy: oid(actor.id), revocationReason: reason, revocationCategory: category } },
      );
      if (r.modifiedCount !== 1) throw new ValidationError({ _form: 'certificates:revoke.already' });
      await certificatesChanged({ workers: [c.worker] });
      // Published status lists are cached per process: this tells every process to rebuild them.
      await markRevocationsChanged(this.deps.clock.now());
      await this.deps.audit.record(actor, 'certificate.revoke', 'certificate', c._id, { number: c.number, reason, category });
      return String(c._id);
    });
    if (!once.first) throw new ValidationError({ _form: 'certificates:revoke.already' });
  }

  /** Allocates the number (unique under concurrency, numbering.ts) and saves the certificate. */
  async create(doc: NewCertificate): Promise<{ id: string; number: string }> {
    const year = Number(wibParts(doc.issueDate).date.slice(0, 4));
    const number = doc.number ?? (await allocateNumber(year, doc.trade as Trade, this.deps.clock.now()));
    try {
      const c = await Certificate.create({ ...doc, number, verifyCode: doc.verifyCode ?? newVerifyCode() } as Partial<CertificateDoc>);
      await certificatesChanged({ workers: [c.worker] });
      await linkNumber(number, c._id);
      return { id: String(c._id), number };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      if (doc.assessment && (await Certificate.exists({ assessment: doc.assessment }))) throw new ValidationError({ _form: 'certificates:issue.already_issued' });
      if (doc.renews && (await Certificate.exists({ renews: doc.renews }))) throw new ValidationError({ _form: 'certificates:renew.already' });
      if (doc.number && (await Certificate.exists({ number }))) throw new ValidationError({ originalNumber: 'certificates:history.number_registered' });
      throw err;
    }
  }

  private today(): string {
    return wibParts(this.deps.clock.now()).date;
  }

  /** An issue date is not in the future and not before what it rests on (the assessment, the renewed certificate). */
  private checkIssueDate(date: string, notBefore: string): void {
    if (date > this.today()) throw new ValidationError({ issueDate: 'certificates:validation.future' });
    if (date < notBefore) throw new ValidationError({ issueDate: 'certificates:validation.before' });
  }
}
