import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import type { SessionRevoker } from '../../platform/http/session';
import type { Language } from '../../platform/i18n';
import { wibParts } from '../../platform/time';
import { User, type AccountsService } from '../accounts';
import { Workshop, workshopNames } from '../workshops';
import { Worker } from './worker.model';
import { joinDateToUtc } from './worker-rules';
import { workersChanged } from './workers.read-models';
import { assertCanManageWorkers, canSeeNik, readableWorkshop } from './workers.policy';
import type { WorkerInput, WorkerSearch } from './workers.schemas';
import { toWorkerRow, workerFilter, type Page, type WorkerDetail, type WorkerRow } from './workers.view';

export const WORKER_PAGE_SIZE = 25;

export interface WorkersServiceDeps {
  clock: Clock;
  accounts: AccountsService;
  sessions: SessionRevoker;
}

/** Worker records: search, create, edit, deactivate, and their login accounts on demand. */
export class WorkersService {
  constructor(private readonly deps: WorkersServiceDeps) {}

  /** A page of workers (25), by name; managers get their workshop's only and nobody but coordinators/admins searches by NIK. */
  async listWorkers(actor: Actor, query: WorkerSearch): Promise<Page<WorkerRow>> {
    const filter = workerFilter(query, readableWorkshop(actor), canSeeNik(actor));
    const [total, rows] = await Promise.all([
      Worker.countDocuments(filter),
      Worker.find(filter, { nik: 0 })
        .sort({ name: 1, _id: 1 })
        .skip((query.page - 1) * WORKER_PAGE_SIZE)
        .limit(WORKER_PAGE_SIZE)
        .lean(),
    ]);
    const names = await workshopNames([...new Set(rows.map((w) => String(w.workshop)))]);
    return {
      items: rows.map((w) => toWorkerRow(w, names)),
      total,
      page: query.page,
      pages: Math.max(1, Math.ceil(total / WORKER_PAGE_SIZE)),
    };
  }

  /**
   * One worker with their login account, NIK only for coordinators and admins.
   * @throws NotFoundError for an unknown id, and for a manager asking about another workshop's worker.
   */
  async getWorker(actor: Actor, id: string): Promise<WorkerDetail> {
    const scope = readableWorkshop(actor);
    const w = Types.ObjectId.isValid(id) ? await Worker.findById(id).lean() : null;
    if (!w || (scope && String(w.workshop) !== scope)) throw new NotFoundError();
    const names = await workshopNames([String(w.workshop)]);
    const user = w.user ? await User.findById(w.user, { email: 1, phone: 1, active: 1 }).lean() : null;
    return {
      ...toWorkerRow(w, names),
      email: w.email ?? '',
      nik: canSeeNik(actor) ? (w.nik ?? '') : undefined,
      account: user ? { login: user.email ?? user.phone ?? '', phone: user.phone ?? '', active: user.active } : null,
    };
  }

  /**
   * @throws ForbiddenError unless coordinator/admin; ValidationError for a taken phone or NIK, an
   * unknown or archived workshop, or a date joined in the future.
   */
  async createWorker(actor: Actor, input: WorkerInput): Promise<string> {
    assertCanManageWorkers(actor);
    await this.checkInput(input);
    let id: string;
    try {
      id = String((await Worker.create(this.toDoc(input)))._id);
    } catch (err) {
      throw await this.explainDuplicate(err, input);
    }
    await workersChanged({ workshops: [input.workshop] });
    return id;
  }

  /** Replaces the editable fields; empty optional ones are removed. A worker may stay in a workshop that was archived since. */
  async updateWorker(actor: Actor, id: string, input: WorkerInput): Promise<void> {
    assertCanManageWorkers(actor);
    const current = await this.getWorker(actor, id);
    await this.checkInput(input, current);
    const doc = this.toDoc(input);
    const unset: Record<string, 1> = {};
    for (const key of ['email', 'position', 'joinedAt', 'nik'] as const) {
      if (doc[key] === undefined) {
        unset[key] = 1;
        delete doc[key];
      }
    }
    try {
      await Worker.updateOne({ _id: id }, { $set: doc, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { runValidators: true });
    } catch (err) {
      throw await this.explainDuplicate(err, input, current);
    }
    // A move changes two rosters: the workshop left and the one joined.
    await workersChanged({ workshops: [current.workshopId, input.workshop] });
  }

  /**
   * Deactivating a worker also closes their login (when it is a worker-only account) and ends its
   * sessions at once; reactivating opens it again, but only when this switch closed it: a login an
   * admin deactivated stays off until an admin lifts it. Their history stays.
   * @returns `loginKeptOff` when the worker is active again but their login stays off for that reason
   */
  async setActive(actor: Actor, id: string, active: boolean): Promise<{ loginKeptOff: boolean }> {
    assertCanManageWorkers(actor);
    const worker = await this.getWorker(actor, id);
    await Worker.updateOne({ _id: id }, { $set: { active } });
    await workersChanged({ workshops: [worker.workshopId] });
    if (!worker.userId) return { loginKeptOff: false };
    const user = await User.findById(worker.userId, { roles: 1, active: 1, deactivatedBy: 1 }).lean();
    if (!user || user.roles.some((r) => r !== 'worker')) return { loginKeptOff: false };
    if (!active) {
      // An account already off keeps its reason: an admin's deactivation must not turn into ours.
      if (user.active !== false) await User.updateOne({ _id: worker.userId }, { $set: { active: false, deactivatedBy: 'worker-record' } });
      await this.deps.sessions.endAllFor(worker.userId);
      return { loginKeptOff: false };
    }
    if (user.active !== false) return { loginKeptOff: false };
    if (user.deactivatedBy !== 'worker-record') return { loginKeptOff: true };
    await User.updateOne({ _id: worker.userId }, { $set: { active: true }, $unset: { deactivatedBy: 1 } });
    return { loginKeptOff: false };
  }

  /**
   * Creates the worker's login (role worker, their workshop) with an initial password: by email
   * when the worker has one, and always by phone number. Links it to the record.
   * @throws ValidationError when the worker already has a login, is inactive, or the phone/email
   * belongs to another account.
   */
  async createAccount(actor: Actor, id: string, input: { password: string; language: Language }): Promise<string> {
    assertCanManageWorkers(actor);
    const worker = await this.getWorker(actor, id);
    if (worker.userId) throw new ValidationError({ _form: 'workers:account.exists' });
    if (!worker.active) throw new ValidationError({ _form: 'workers:account.inactive' });
    await this.assertLoginFree(worker);
    let userId: string;
    try {
      userId = await this.deps.accounts.createWorkerAccount(actor, {
        name: worker.name,
        phone: worker.phone || undefined,
        email: worker.email || undefined,
        workshop: worker.workshopId,
        password: input.password,
        language: input.language,
      });
    } catch (err) {
      // A racing account took the phone or email between the check and the insert: say which.
      if (err instanceof ValidationError) await this.assertLoginFree(worker);
      throw err;
    }
    const linked = await Worker.updateOne({ _id: id, user: trusted({ $exists: false }) }, { $set: { user: userId } });
    if (linked.modifiedCount !== 1) {
      // Another coordinator linked a login in the meantime: do not leave a second, orphaned one active.
      await User.updateOne({ _id: userId }, { $set: { active: false } });
      throw new ConflictError('conflict');
    }
    return userId;
  }

  /** Phone and email of a new login must not belong to another account (FerretDB's duplicate-key error does not name the index). */
  private async assertLoginFree(worker: WorkerDetail): Promise<void> {
    if (worker.phone && (await User.exists({ phone: worker.phone }))) throw new ValidationError({ _form: 'workers:account.phone_taken' });
    if (worker.email && (await User.exists({ email: worker.email }))) throw new ValidationError({ _form: 'workers:account.email_taken' });
  }

  /**
   * The unique indexes are the backstop for phone and NIK when two saves race. FerretDB's E11000
   * does not say which index refused, so the check runs again to name the field.
   */
  private async explainDuplicate(err: unknown, input: WorkerInput, current?: WorkerDetail): Promise<unknown> {
    if (!isDuplicateKeyError(err)) return err;
    try {
      await this.checkInput(input, current);
    } catch (explained) {
      return explained;
    }
    return new ValidationError({ phone: 'workers:validation.phone_taken' });
  }

  private async checkInput(input: WorkerInput, current?: WorkerDetail): Promise<void> {
    const fields: Record<string, string> = {};
    if (input.joinedAt && input.joinedAt > wibParts(this.deps.clock.now()).date) fields.joinedAt = 'workers:validation.date_future';
    const keepsWorkshop = current?.workshopId === input.workshop;
    if (!keepsWorkshop && !(await Workshop.exists({ _id: input.workshop, archived: false }))) fields.workshop = 'validation.workshop_unknown';
    const others = current ? { _id: trusted({ $ne: new Types.ObjectId(current.id) }) } : {};
    if (await Worker.exists({ phone: input.phone, ...others })) fields.phone = 'workers:validation.phone_taken';
    if (input.nik && (await Worker.exists({ nik: input.nik, ...others }))) fields.nik = 'workers:validation.nik_taken';
    if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  }

  private toDoc(input: WorkerInput): Record<string, unknown> {
    return {
      name: input.name,
      phone: input.phone,
      email: input.email,
      workshop: new Types.ObjectId(input.workshop),
      trades: input.trades,
      position: input.position,
      joinedAt: input.joinedAt ? joinDateToUtc(input.joinedAt) : undefined,
      nik: input.nik,
    };
  }
}
