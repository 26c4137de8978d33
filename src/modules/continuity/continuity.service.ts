import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { wibToUtc } from '../../platform/time';
import { User } from '../accounts';
import type { AuditService } from '../audit';
import { Worker } from '../workers';
import { workshopNames } from '../workshops';
import { auditCarriedCertificates } from './certificate-trail';
import { ContinuityEntry } from './continuity-entry.model';
import { continuityOf, listWelders, noCertifications, type CertificationSource, type ProcessContinuity, type Welder } from './continuity.lookup';
import { assertInScope, continuityScope } from './continuity.policy';
import { daysUntilLapse, lapseDate, welderStatus, wibToday, type WelderStatus } from './continuity-rules';
import type { EntryInput, OverviewQuery } from './continuity.schemas';
import { PROCESSES, type WeldingProcess } from './processes';
import { continuityChanged } from './continuity.read-model';

/** One welder × process on the overview: when it was last used and when it lapses. */
export interface StatusRow {
  workerId: string;
  workerName: string;
  workshopId: string;
  workshopName: string;
  process: WeldingProcess;
  lastUse: Date;
  lapseDate: Date;
  daysLeft: number;
  status: WelderStatus;
  needsRetest: boolean;
}

export interface ProcessStatus {
  process: WeldingProcess;
  /** The last use of the unbroken chain from the certification (or first use). */
  lastUse: Date;
  lapseDate: Date;
  daysLeft: number;
  status: WelderStatus;
  /** Lapsed and used again since: only a new certification test restores it. */
  needsRetest: boolean;
}

export interface EntryRow {
  id: string;
  process: string;
  date: Date;
  kind: string;
  evidence: string;
  supervisor: string;
  confirmation: string | null;
  recordedBy: string;
  recordedAt: Date | null;
}

export interface WelderLog {
  worker: { id: string; name: string; workshopId: string; workshopName: string; isWelder: boolean };
  processes: ProcessStatus[];
  entries: EntryRow[];
}

export interface Overview {
  rows: StatusRow[];
  /** Welders in scope with nothing logged yet: no lapse date can be computed for them. */
  unlogged: Array<Welder & { workshopName: string }>;
  counts: { welders: number; warn: number; lapsed: number };
  /** The workshop the page is limited to (a manager's own, or the chosen filter), or null for all. */
  workshopId: string | null;
}

const STATUS_FILTER: Record<OverviewQuery['status'], (s: WelderStatus) => boolean> = {
  at_risk: (s) => s !== 'ok',
  warn: (s) => s === 'warn',
  lapsed: (s) => s === 'lapsed',
  all: () => true,
};

/** Per-process status of one welder's continuity, in the order of PROCESSES. */
export function processStatuses(uses: Map<WeldingProcess, ProcessContinuity> | undefined, now: Date): ProcessStatus[] {
  if (!uses) return [];
  return PROCESSES.filter((p) => uses.has(p)).map((process) => {
    const { lastUse, needsRetest } = uses.get(process)!;
    return { process, lastUse, lapseDate: lapseDate(lastUse), daysLeft: daysUntilLapse(lastUse, now), status: welderStatus(lastUse, now), needsRetest };
  });
}

/** Display names of accounts by id (the log shows who recorded each entry). */
export async function userNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await User.find({ _id: trusted({ $in: [...new Set(ids)] }) }, { name: 1 }).lean();
  return new Map(rows.map((u) => [String(u._id), u.name]));
}

/** The welder continuity log: entries per welder and process, and who is about to lapse. */
export class ContinuityService {
  constructor(private readonly deps: { clock: Clock; audit: AuditService; certifications?: CertificationSource }) {}

  private continuity(workerIds: string[], asOf: Date) {
    return continuityOf(workerIds, asOf, this.deps.certifications ?? noCertifications);
  }

  /** Today in WIB ("YYYY-MM-DD"): the default date of the forms and the latest date they accept. */
  today(): string {
    return wibToday(this.deps.clock.now());
  }

  /**
   * Welders' processes by lapse date, soonest (or longest lapsed) first: by default those about to
   * lapse within 30 days and those lapsed. A manager sees their workshop only, whatever the filter.
   * @throws ForbiddenError for anyone but coordinators, admins and managers.
   */
  async overview(actor: Actor, query: OverviewQuery): Promise<Overview> {
    const workshopId = continuityScope(actor) ?? query.workshop ?? null;
    const now = this.deps.clock.now();
    const welders = await listWelders(workshopId);
    const uses = await this.continuity(welders.map((w) => w.id), now);
    const names = await workshopNames([...new Set(welders.map((w) => w.workshopId))]);
    const all: StatusRow[] = welders.flatMap((w) =>
      processStatuses(uses.get(w.id), now).map((p) => ({
        workerId: w.id, workerName: w.name, workshopId: w.workshopId, workshopName: names.get(w.workshopId) ?? '', ...p,
      })),
    );
    const rows = all
      .filter((r) => STATUS_FILTER[query.status](r.status))
      .sort((a, b) => a.lapseDate.getTime() - b.lapseDate.getTime() || a.workerName.localeCompare(b.workerName, 'id'));
    return {
      rows,
      unlogged: welders.filter((w) => !uses.has(w.id)).map((w) => ({ ...w, workshopName: names.get(w.workshopId) ?? '' })),
      counts: { welders: welders.length, warn: all.filter((r) => r.status === 'warn').length, lapsed: all.filter((r) => r.status === 'lapsed').length },
      workshopId,
    };
  }

  /**
   * One worker's log: status per process they have used, and every entry, newest first.
   * @throws NotFoundError for an unknown worker, or another workshop's worker for a manager.
   */
  async welderLog(actor: Actor, workerId: string): Promise<WelderLog> {
    const worker = await this.findWorker(actor, workerId);
    const entries = await ContinuityEntry.find({ worker: new Types.ObjectId(worker.id) }).sort({ date: -1, createdAt: -1 }).lean();
    const names = await userNames(entries.flatMap((e) => (e.recordedBy ? [String(e.recordedBy)] : [])));
    const now = this.deps.clock.now();
    const uses = await this.continuity([worker.id], now);
    return {
      worker,
      processes: processStatuses(uses.get(worker.id), now),
      entries: entries.map((e) => ({
        id: String(e._id),
        process: e.process,
        date: e.date,
        kind: e.kind ?? 'use',
        evidence: e.evidence ?? '',
        supervisor: e.supervisor ?? '',
        confirmation: e.confirmation ? String(e.confirmation) : null,
        recordedBy: e.recordedBy ? (names.get(String(e.recordedBy)) ?? '') : '',
        recordedAt: e.createdAt ?? null,
      })),
    };
  }

  /**
   * Logs that a welder used a process (or made a test weld) on a day, and writes it to the audit
   * trail ('continuity.log').
   * @throws NotFoundError as welderLog; ValidationError when the worker is no active welder, the date
   * is after today (WIB), or the same entry is already in the log.
   */
  async logEntry(actor: Actor, workerId: string, input: EntryInput): Promise<string> {
    const worker = await this.findWorker(actor, workerId);
    if (!worker.isWelder) throw new ValidationError({ _form: 'continuity:validation.not_welder' });
    if (input.date > this.today()) throw new ValidationError({ date: 'continuity:validation.date_future' });
    const date = wibToUtc(input.date, '00:00')!;
    const same = { worker: new Types.ObjectId(worker.id), process: input.process, date, kind: input.kind, evidence: input.evidence };
    if (await ContinuityEntry.exists(same)) throw new ValidationError({ _form: 'continuity:validation.duplicate' });
    const entry = await ContinuityEntry.create({ ...same, supervisor: input.supervisor, recordedBy: new Types.ObjectId(actor.id) });
    await continuityChanged({ workers: [worker.id] });
    await this.deps.audit.record(actor, 'continuity.log', 'ContinuityEntry', entry._id, {
      worker: worker.id, process: input.process, date: input.date, kind: input.kind, evidence: input.evidence, supervisor: input.supervisor,
    });
    await auditCarriedCertificates(
      { audit: this.deps.audit, certifications: this.deps.certifications ?? noCertifications },
      actor, [{ workerId: worker.id, process: input.process }], date, { entry: String(entry._id) },
    );
    return String(entry._id);
  }

  private async findWorker(actor: Actor, workerId: string): Promise<WelderLog['worker']> {
    continuityScope(actor);
    const w = Types.ObjectId.isValid(workerId) ? await Worker.findById(workerId, { name: 1, workshop: 1, trades: 1, active: 1 }).lean() : null;
    if (!w) throw new NotFoundError();
    const workshopId = String(w.workshop);
    assertInScope(actor, workshopId);
    const names = await workshopNames([workshopId]);
    return {
      id: String(w._id),
      name: w.name,
      workshopId,
      workshopName: names.get(workshopId) ?? '',
      isWelder: w.active !== false && (w.trades ?? []).includes('welding'),
    };
  }
}
