import { trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, ValidationError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { wibParts, wibToUtc } from '../../platform/time';
import { Worker } from '../workers';
import { CertificationAssessment, allCompetent, type Outcome } from './assessment.model';
import { Certificate } from './certificate.model';
import { assertCanManage } from './certificates.policy';
import type { AssessmentInput } from './certificates.schemas';
import { isId, oid, schemeOptions, unitChoices, workerGroups, type UnitChoice } from './options';
import { CertificationScheme } from './scheme.model';

export const ASSESSMENT_PAGE_SIZE = 25;

export interface AssessmentRow {
  id: string;
  date: Date;
  workerId: string;
  workerName: string;
  schemeName: string;
  competent: number;
  total: number;
  allCompetent: boolean;
  certificate: { id: string; number: string } | null;
}

export interface AssessmentDetail extends AssessmentRow {
  schemeId: string;
  kkniLevel: number;
  issuingBody: string;
  tuk: string;
  assessor: { name: string; registration: string };
  outcomes: (UnitChoice & { outcome: Outcome })[];
  notes: string;
}

/** Certification assessments: K or BK per unit of a scheme, recorded by coordinators and admins. */
export class AssessmentsService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** Newest first, 25 a page. @throws ForbiddenError unless coordinator/admin */
  async listAssessments(actor: Actor, page: number): Promise<{ items: AssessmentRow[]; page: number; pages: number; total: number }> {
    assertCanManage(actor);
    const [total, rows] = await Promise.all([
      CertificationAssessment.countDocuments({}),
      CertificationAssessment.find({}).sort({ date: -1, _id: -1 }).skip((page - 1) * ASSESSMENT_PAGE_SIZE).limit(ASSESSMENT_PAGE_SIZE).lean(),
    ]);
    const items = await this.rows(rows);
    return { items, page, pages: Math.max(1, Math.ceil(total / ASSESSMENT_PAGE_SIZE)), total };
  }

  /** @throws NotFoundError for an unknown id */
  async getAssessment(actor: Actor, id: string, lng: Language): Promise<AssessmentDetail> {
    assertCanManage(actor);
    const a = isId(id) ? await CertificationAssessment.findById(id).lean() : null;
    if (!a) throw new NotFoundError();
    const [row] = await this.rows([a]);
    const scheme = await CertificationScheme.findById(a.scheme, { kkniLevel: 1, issuingBody: 1 }).lean();
    const units = await unitChoices(a.outcomes.map((o) => o.unit), lng);
    const outcome = new Map(a.outcomes.map((o) => [String(o.unit), o.outcome as Outcome]));
    return {
      ...row!,
      schemeId: String(a.scheme),
      kkniLevel: scheme?.kkniLevel ?? 0,
      issuingBody: scheme?.issuingBody?.name ?? '',
      tuk: a.tuk,
      assessor: { name: a.assessor?.name ?? '', registration: a.assessor?.registration ?? '' },
      outcomes: units.map((u) => ({ ...u, outcome: outcome.get(u.id)! })),
      notes: a.notes ?? '',
    };
  }

  /**
   * Records an assessment with an outcome for every unit of the scheme.
   * @throws ValidationError for an unknown worker or inactive scheme, a date in the future, or a unit without K/BK
   */
  async recordAssessment(actor: Actor, input: AssessmentInput): Promise<string> {
    assertCanManage(actor);
    const fields: Record<string, string> = {};
    const worker = await Worker.findById(input.worker, { _id: 1, active: 1 }).lean();
    if (!worker || worker.active === false) fields.worker = 'certificates:validation.worker';
    const scheme = await CertificationScheme.findById(input.scheme, { units: 1, active: 1 }).lean();
    if (!scheme || scheme.active === false) fields.scheme = 'certificates:validation.scheme';
    if (input.date > wibParts(this.deps.clock.now()).date) fields.date = 'certificates:validation.future';
    const units = (scheme?.units ?? []).map(String);
    for (const u of units) if (!input.outcomes[u]) fields[`o_${u}`] = 'certificates:validation.outcome';
    if (scheme && units.length === 0) fields.scheme = 'certificates:validation.scheme_units';
    if (Object.keys(fields).length > 0) throw new ValidationError(fields);
    const a = await CertificationAssessment.create({
      worker: worker!._id,
      scheme: scheme!._id,
      tuk: input.tuk,
      assessor: { name: input.assessorName, registration: input.assessorRegistration },
      date: wibToUtc(input.date, '00:00')!,
      outcomes: units.map((u) => ({ unit: oid(u), outcome: input.outcomes[u] })),
      notes: input.notes,
      recordedBy: oid(actor.id),
    });
    return String(a._id);
  }

  /** A worker's assessments with all units K that no certificate was issued from, of one scheme: the renewal choices. */
  async openAssessmentsOf(workerId: string, schemeId: string): Promise<{ id: string; date: Date }[]> {
    const rows = await CertificationAssessment.find({ worker: oid(workerId), scheme: oid(schemeId) }).sort({ date: -1 }).lean();
    const used = new Set((await Certificate.find({ worker: oid(workerId) }, { assessment: 1 }).lean()).map((c) => String(c.assessment)));
    return rows.filter((a) => allCompetent(a.outcomes) && !used.has(String(a._id))).map((a) => ({ id: String(a._id), date: a.date }));
  }

  private async rows(rows: { _id: unknown; date: Date; worker: unknown; scheme: unknown; outcomes: { outcome: string }[] }[]): Promise<AssessmentRow[]> {
    const workerIds = [...new Set(rows.map((r) => String(r.worker)))];
    const schemeIds = [...new Set(rows.map((r) => String(r.scheme)))];
    const [workers, schemes, certs] = await Promise.all([
      Worker.find({ _id: trusted({ $in: workerIds }) }, { name: 1 }).lean(),
      CertificationScheme.find({ _id: trusted({ $in: schemeIds }) }, { name: 1 }).lean(),
      Certificate.find({ assessment: trusted({ $in: rows.map((r) => String(r._id)) }) }, { number: 1, assessment: 1 }).lean(),
    ]);
    const name = new Map(workers.map((w) => [String(w._id), w.name]));
    const scheme = new Map(schemes.map((s) => [String(s._id), s.name]));
    const cert = new Map(certs.map((c) => [String(c.assessment), { id: String(c._id), number: c.number }]));
    return rows.map((r) => ({
      id: String(r._id),
      date: r.date,
      workerId: String(r.worker),
      workerName: name.get(String(r.worker)) ?? '—',
      schemeName: scheme.get(String(r.scheme)) ?? '—',
      competent: r.outcomes.filter((o) => o.outcome === 'K').length,
      total: r.outcomes.length,
      allCompetent: allCompetent(r.outcomes),
      certificate: cert.get(String(r._id)) ?? null,
    }));
  }
}

/** What the assessment form offers: schemes, workers, and the units of the chosen scheme. */
export async function assessmentFormContext(schemeId: string | undefined, lng: Language) {
  const scheme = schemeId && isId(schemeId) ? await CertificationScheme.findOne({ _id: oid(schemeId), active: true }, { units: 1, name: 1 }).lean() : null;
  return {
    schemes: await schemeOptions(),
    workers: await workerGroups(),
    chosenScheme: scheme ? String(scheme._id) : '',
    units: scheme ? await unitChoices(scheme.units ?? [], lng) : [],
  };
}
