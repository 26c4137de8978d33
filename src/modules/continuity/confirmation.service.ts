import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import { wibToUtc } from '../../platform/time';
import type { AuditService } from '../audit';
import { Workshop, displayName } from '../workshops';
import { ContinuityConfirmation } from './continuity-confirmation.model';
import { ContinuityEntry } from './continuity-entry.model';
import { auditCarriedCertificates } from './certificate-trail';
import { continuityOf, listWelders, noCertifications, type CertificationSource } from './continuity.lookup';
import { assertInScope } from './continuity.policy';
import { coveredUntil, welderStatus, wibToday } from './continuity-rules';
import type { ConfirmInput } from './continuity.schemas';
import { processStatuses, userNames, type ProcessStatus } from './continuity.service';
import { PROCESSES, type WeldingProcess } from './processes';
import { continuityChanged } from './continuity.read-model';

export interface ChecklistWelder {
  id: string;
  name: string;
  processes: ProcessStatus[];
}

export interface ConfirmationRow {
  id: string;
  confirmedAt: Date;
  confirmedBy: string;
  processes: string[];
  workerCount: number;
  evidence: string;
}

export interface Checklist {
  workshop: { id: string; name: string };
  welders: ChecklistWelder[];
  confirmations: ConfirmationRow[];
  /** The last WIB day (midnight WIB) the latest confirmation covers, or null when there is none. */
  coveredUntil: Date | null;
}

export interface ConfirmOutcome {
  id: string;
  /** False when this submission had been confirmed already (a double submit): nothing new was written. */
  created: boolean;
  entries: number;
}

/** What a confirmation would record. */
export interface ConfirmationPreview {
  workshop: { id: string; name: string };
  /** YYYY-MM-DD, WIB. */
  date: string;
  evidence: string;
  welders: { name: string; processes: string[] }[];
  entries: number;
  /** This form was confirmed already: nothing new would be written. */
  repeated: boolean;
}

const RECENT_CONFIRMATIONS = 10;

/** A fresh one-time token for a confirmation form, so a double submit confirms once. */
export const newSubmissionToken = (): string => randomBytes(16).toString('hex');

/**
 * The six-monthly confirmation of a workshop's welders (ISO 9606-1: the employer confirms every 6
 * months that each welder worked within the range of their qualification), in one step.
 */
export class ConfirmationService {
  constructor(private readonly deps: { clock: Clock; audit: AuditService; certifications?: CertificationSource }) {}

  private get certifications(): CertificationSource {
    return this.deps.certifications ?? noCertifications;
  }

  /**
   * The checklist page: the workshop's welders with their processes' status, and recent confirmations.
   * @throws NotFoundError for an unknown workshop, or another workshop for a manager; ForbiddenError for other roles.
   */
  async checklist(actor: Actor, workshopId: string): Promise<Checklist> {
    const workshop = await this.findWorkshop(actor, workshopId);
    const welders = await listWelders(workshop.id);
    const now = this.deps.clock.now();
    const uses = await continuityOf(welders.map((w) => w.id), now, this.certifications);
    const recent = await ContinuityConfirmation.find({ workshop: new Types.ObjectId(workshop.id) })
      .sort({ confirmedAt: -1, createdAt: -1 })
      .limit(RECENT_CONFIRMATIONS)
      .lean();
    const names = await userNames(recent.map((c) => String(c.confirmedBy)));
    return {
      workshop,
      welders: welders.map((w) => ({ id: w.id, name: w.name, processes: processStatuses(uses.get(w.id), now) })),
      confirmations: recent.map((c) => ({
        id: String(c._id),
        confirmedAt: c.confirmedAt,
        confirmedBy: names.get(String(c.confirmedBy)) ?? '',
        processes: c.processes ?? [],
        workerCount: (c.workers ?? []).length,
        evidence: c.evidence ?? '',
      })),
      coveredUntil: recent[0] ? wibToUtc(coveredUntil(recent[0].confirmedAt), '00:00') : null,
    };
  }

  /**
   * Confirms continuity for the ticked welders of a workshop, each for the chosen process(es): one
   * ContinuityConfirmation and one ContinuityEntry per welder × process (`confirmation` set), all in
   * the audit trail. Everything is checked before anything is written; a write that fails half-way
   * is undone (there are no transactions on FerretDB). Submitting the same form twice confirms once.
   * @throws NotFoundError/ForbiddenError as checklist; ValidationError for no welder ticked, a ticked
   * welder without a process, someone who is not an active welder of this workshop, or a date after today.
   */
  async confirmWorkshop(actor: Actor, workshopId: string, input: ConfirmInput): Promise<ConfirmOutcome> {
    const workshop = await this.findWorkshop(actor, workshopId);
    await this.check(workshop.id, input);
    const submission = input.submission ?? newSubmissionToken();
    const existing = await ContinuityConfirmation.findOne({ submission }, { _id: 1, workshop: 1 }).lean();
    if (existing) return this.repeated(String(existing._id), String(existing.workshop), workshop.id);

    const date = wibToUtc(input.date, '00:00')!;
    const processes = PROCESSES.filter((p) => input.selections.some((s) => s.processes.includes(p)));
    let confirmationId: Types.ObjectId;
    try {
      const created = await ContinuityConfirmation.create({
        workshop: new Types.ObjectId(workshop.id),
        confirmedAt: date,
        confirmedBy: new Types.ObjectId(actor.id),
        processes,
        workers: input.selections.map((s) => new Types.ObjectId(s.workerId)),
        evidence: input.evidence,
        supervisor: input.supervisor,
        submission,
      });
      confirmationId = created._id;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // The same form submitted twice at once: the other request holds the token.
      const other = await ContinuityConfirmation.findOne({ submission }, { _id: 1, workshop: 1 }).lean();
      if (!other) throw err;
      return this.repeated(String(other._id), String(other.workshop), workshop.id);
    }

    const docs = input.selections.flatMap((s) =>
      s.processes.map((process: WeldingProcess) => ({
        worker: new Types.ObjectId(s.workerId),
        process,
        date,
        kind: 'use' as const,
        evidence: input.evidence,
        supervisor: input.supervisor,
        confirmation: confirmationId,
        recordedBy: new Types.ObjectId(actor.id),
      })),
    );
    let entries;
    try {
      entries = await ContinuityEntry.insertMany(docs, { ordered: true });
    } catch (err) {
      await ContinuityEntry.deleteMany({ confirmation: confirmationId });
      await ContinuityConfirmation.deleteOne({ _id: confirmationId });
      throw err;
    } finally {
      // Written or rolled back: the workers' read models follow the log either way.
      await continuityChanged({ workers: docs.map((d) => d.worker) });
    }

    await this.deps.audit.record(actor, 'continuity.confirm', 'ContinuityConfirmation', confirmationId, {
      workshop: workshop.id, date: input.date, processes, workers: input.selections.map((s) => s.workerId), evidence: input.evidence, entries: entries.length,
    });
    for (const e of entries) {
      await this.deps.audit.record(actor, 'continuity.log', 'ContinuityEntry', e._id, {
        worker: String(e.worker), process: e.process, date: input.date, kind: 'use', evidence: input.evidence, confirmation: String(confirmationId),
      });
    }
    await auditCarriedCertificates(
      { audit: this.deps.audit, certifications: this.certifications },
      actor, docs.map((d) => ({ workerId: String(d.worker), process: d.process })), date, { confirmation: String(confirmationId) },
    );
    return { id: String(confirmationId), created: true, entries: entries.length };
  }

  /**
   * What confirmWorkshop would record, writing nothing (the confirmation page): the same checks
   * (and errors), then which welders with which processes, how many log entries, and whether this
   * form was confirmed already (then nothing new is written).
   */
  async previewConfirmation(actor: Actor, workshopId: string, input: ConfirmInput): Promise<ConfirmationPreview> {
    const workshop = await this.findWorkshop(actor, workshopId);
    await this.check(workshop.id, input);
    const names = new Map((await listWelders(workshop.id)).map((w) => [w.id, w.name]));
    const repeated = input.submission ? !!(await ContinuityConfirmation.exists({ submission: input.submission })) : false;
    return {
      workshop,
      date: input.date,
      evidence: input.evidence,
      welders: input.selections.map((s) => ({ name: names.get(s.workerId) ?? '', processes: PROCESSES.filter((p) => s.processes.includes(p)) })),
      entries: input.selections.reduce((n, s) => n + s.processes.length, 0),
      repeated,
    };
  }

  private repeated(id: string, ofWorkshop: string, workshopId: string): ConfirmOutcome {
    // A token reused for another workshop is not a double submit but a forged form.
    if (ofWorkshop !== workshopId) throw new ValidationError({ _form: 'validation.invalid' });
    return { id, created: false, entries: 0 };
  }

  private async check(workshopId: string, input: ConfirmInput): Promise<void> {
    if (input.date > wibToday(this.deps.clock.now())) throw new ValidationError({ date: 'continuity:validation.date_future' });
    if (input.selections.length === 0) throw new ValidationError({ workers: 'continuity:validation.no_welders' });
    if (input.selections.some((s) => s.processes.length === 0)) throw new ValidationError({ workers: 'continuity:validation.process_missing' });
    const welders = new Set((await listWelders(workshopId)).map((w) => w.id));
    if (input.selections.some((s) => !welders.has(s.workerId))) throw new ValidationError({ workers: 'continuity:validation.not_welder_here' });
    // A process whose chain broke before the confirmation date has lapsed for good: confirming it
    // would only add a use that proves nothing (ISO 9606-1 §9.2: a new test is needed), so refuse it
    // even when a hand-made form ticks it.
    const day = wibToUtc(input.date, '00:00')!;
    const states = await continuityOf(input.selections.map((s) => s.workerId), day, this.certifications);
    const lapsed = input.selections.some((s) =>
      s.processes.some((p) => {
        const state = states.get(s.workerId)?.get(p);
        return state !== undefined && welderStatus(state.lastUse, day) === 'lapsed';
      }),
    );
    if (lapsed) throw new ValidationError({ workers: 'continuity:validation.process_lapsed' });
  }

  private async findWorkshop(actor: Actor, workshopId: string): Promise<{ id: string; name: string }> {
    assertInScope(actor, workshopId);
    const w = Types.ObjectId.isValid(workshopId) ? await Workshop.findById(workshopId, { name: 1, legalForm: 1 }).lean() : null;
    if (!w) throw new NotFoundError();
    return { id: String(w._id), name: displayName(w) };
  }
}
